import type { ServerResponse } from "node:http";
import { sendError, sendJson } from "./http-utils";

/**
 * Reward scoring the way vLLM (/pooling), TEI (/rerank) and a custom scorer (/custom-reward) answer it. The
 * reward of a response is its length in characters, so tests know every score (equal lengths tie), and a
 * response containing FAKE_REWARD_ERROR is refused with a 500.
 */
export const REWARD_ERROR_MARKER = "FAKE_REWARD_ERROR";
export const rewardPaths = new Set(["/pooling", "/rerank", "/custom-reward"]);

export function fakeReward(response: string): number {
  return [...response].length;
}

export function handleReward(res: ServerResponse, path: string, raw: string): void {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return sendError(res, 400, "Body is not JSON.", "invalid_request_error");
  }
  const responses = responsesOf(path, body);
  if (!responses) return sendError(res, 400, `Missing fields for ${path}.`, "invalid_request_error");
  if (responses.some((r) => r.includes(REWARD_ERROR_MARKER))) return sendError(res, 500, "Reward model failed.", "server_error");
  const scores = responses.map(fakeReward);
  if (path === "/pooling") {
    return sendJson(res, 200, JSON.stringify({ object: "list", data: [{ index: 0, object: "pooling", data: [scores[0]] }] }));
  }
  if (path === "/rerank") {
    // TEI sorts by score, highest first: the client must map by index, not by position.
    const ranked = scores.map((score, index) => ({ index, score })).sort((a, b) => b.score - a.score);
    return sendJson(res, 200, JSON.stringify(ranked));
  }
  return sendJson(res, 200, JSON.stringify({ result: { score: scores[0] } }));
}

function responsesOf(path: string, body: Record<string, unknown>): string[] | null {
  if (path === "/pooling") {
    const messages = body.messages;
    if (!Array.isArray(messages)) return null;
    const last = messages[messages.length - 1] as { role?: unknown; content?: unknown } | undefined;
    return last?.role === "assistant" && typeof last.content === "string" ? [last.content] : null;
  }
  if (path === "/rerank") {
    return Array.isArray(body.texts) && body.texts.every((t) => typeof t === "string") ? (body.texts as string[]) : null;
  }
  return typeof body.response === "string" ? [body.response] : null;
}
