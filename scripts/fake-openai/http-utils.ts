import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

const MAX_BODY_CHARS = 16 * 1024 * 1024;

export function readBody(req: IncomingMessage, onBody: (raw: string | null) => void): void {
  let raw = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    raw += chunk;
    if (raw.length > MAX_BODY_CHARS) {
      raw = "";
      req.removeAllListeners("data");
      req.removeAllListeners("end");
      onBody(null);
    }
  });
  req.on("end", () => onBody(raw));
}

export function sendJson(res: ServerResponse, status: number, body: string, headers?: OutgoingHttpHeaders): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** OpenAI's error envelope, so clients that read `error.message` show something useful. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  headers?: OutgoingHttpHeaders,
): void {
  sendJson(res, status, JSON.stringify({ error: { message, type, param: null, code } }), headers);
}

export const SSE_HEADERS: OutgoingHttpHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
};

export function sendSse(res: ServerResponse, head: string, rest: string): void {
  res.writeHead(200, SSE_HEADERS);
  res.write(head);
  res.end(rest);
}
