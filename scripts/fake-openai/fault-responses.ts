import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultKind } from "./faults";
import { SSE_HEADERS, sendError, sendJson, sendSse } from "./http-utils";

export interface FaultContext {
  req: IncomingMessage;
  res: ServerResponse;
  stream: boolean;
  retryAfterSeconds: number | null;
  id: string;
  model: string;
}

export function sendFault(kind: Exclude<FaultKind, "hang">, ctx: FaultContext): void {
  const { req, res, stream, id, model } = ctx;
  const created = Math.floor(Date.now() / 1000);
  switch (kind) {
    case "rate_limit": {
      const headers = ctx.retryAfterSeconds === null ? undefined : { "retry-after": String(ctx.retryAfterSeconds) };
      sendError(res, 429, "Rate limit reached for requests (injected fault).", "rate_limit_error", "rate_limit_exceeded", headers);
      return;
    }
    case "server_error":
      sendError(res, 500, "The server had an error while processing your request (injected fault).", "server_error");
      return;
    case "reset":
      if (!stream) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.write(`data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n`, () =>
        req.socket.destroy(),
      );
      return;
    case "malformed":
      if (stream) sendSse(res, `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":"答\n\n`, "data: [DONE]\n\n");
      else sendJson(res, 200, `{"id":"${id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"答案`);
      return;
    case "empty_choices": {
      const body = JSON.stringify({ id, object: stream ? "chat.completion.chunk" : "chat.completion", created, model, choices: [] });
      if (stream) sendSse(res, `data: ${body}\n\n`, "data: [DONE]\n\n");
      else sendJson(res, 200, body);
    }
  }
}
