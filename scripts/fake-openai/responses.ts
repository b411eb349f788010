import { createRng, hashString } from "@/lib/scoring/random";
import type { LetterLogprob } from "./mcq";
import { tokenize } from "./text-utils";

export interface LogprobEntry {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

export interface Completion {
  id: string;
  model: string;
  created: number;
  text: string;
  finishReason: "stop" | "length";
  promptTokens: number;
  completionTokens: number;
  tokens: string[];
  logprobs: LogprobEntry[] | null;
}

export function applyLimits(
  text: string,
  maxTokens: number | undefined,
  stop: string | string[] | undefined,
): { text: string; tokens: string[]; finishReason: "stop" | "length" } {
  let cut = text;
  for (const s of typeof stop === "string" ? [stop] : (stop ?? [])) {
    const at = s ? cut.indexOf(s) : -1;
    if (at >= 0) cut = cut.slice(0, at);
  }
  const tokens = tokenize(cut);
  if (maxTokens !== undefined && maxTokens >= 0 && tokens.length > maxTokens) {
    const kept = tokens.slice(0, maxTokens);
    return { text: kept.join(""), tokens: kept, finishReason: "length" };
  }
  return { text: cut, tokens, finishReason: "stop" };
}

const ALTERNATIVES = ["的", "是", "，", "。", "A", "B", " the", "患者"];

const bytesOf = (token: string): number[] => [...Buffer.from(token, "utf8")];

/** OpenAI-shaped per-token logprobs; the first position uses `firstTop` (option letters) when given. */
export function buildLogprobs(tokens: readonly string[], topN: number, firstTop?: readonly LetterLogprob[]): LogprobEntry[] {
  const rng = createRng(hashString(tokens.join("")));
  return tokens.map((token, i) => {
    if (i === 0 && firstTop && firstTop.length > 0) {
      const own = firstTop.find((t) => t.token === token)?.logprob ?? firstTop[0].logprob;
      const top = firstTop.slice(0, topN).map((t) => ({ ...t, bytes: bytesOf(t.token) }));
      return { token, logprob: own, bytes: bytesOf(token), top_logprobs: top };
    }
    const logprob = -rng() * 0.5;
    const top = [{ token, logprob, bytes: bytesOf(token) }];
    let next = logprob;
    for (const alt of ALTERNATIVES) {
      if (top.length >= topN) break;
      if (alt === token) continue;
      next -= 0.5 + rng() * 2;
      top.push({ token: alt, logprob: next, bytes: bytesOf(alt) });
    }
    return { token, logprob, bytes: bytesOf(token), top_logprobs: top.slice(0, topN) };
  });
}

function usage(c: Completion) {
  return {
    prompt_tokens: c.promptTokens,
    completion_tokens: c.completionTokens,
    total_tokens: c.promptTokens + c.completionTokens,
  };
}

export function chatCompletionJson(c: Completion): string {
  return JSON.stringify({
    id: c.id,
    object: "chat.completion",
    created: c.created,
    model: c.model,
    system_fingerprint: "fake-openai",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: c.text },
        logprobs: c.logprobs ? { content: c.logprobs } : null,
        finish_reason: c.finishReason,
      },
    ],
    usage: usage(c),
  });
}

/** The SSE stream as two parts, so the server writes the role chunk first and the rest later. */
export function chatCompletionSse(c: Completion, includeUsage: boolean): { head: string; rest: string } {
  const frame = (choices: unknown[], extra?: object) =>
    `data: ${JSON.stringify({ id: c.id, object: "chat.completion.chunk", created: c.created, model: c.model, system_fingerprint: "fake-openai", choices, ...extra })}\n\n`;
  const choice = (delta: object, i: number | null, finish: string | null) => ({
    index: 0,
    delta,
    logprobs: c.logprobs && i !== null ? { content: [c.logprobs[i]] } : null,
    finish_reason: finish,
  });
  const head = frame([choice({ role: "assistant", content: "" }, null, null)]);
  const rest = c.tokens.map((t, i) => frame([choice({ content: t }, i, null)]));
  rest.push(frame([choice({}, null, c.finishReason)]));
  if (includeUsage) rest.push(frame([], { usage: usage(c) }));
  rest.push("data: [DONE]\n\n");
  return { head, rest: rest.join("") };
}

export function textCompletionJson(c: Completion): string {
  return JSON.stringify({
    id: c.id.replace("chatcmpl", "cmpl"),
    object: "text_completion",
    created: c.created,
    model: c.model,
    choices: [{ index: 0, text: c.text, logprobs: null, finish_reason: c.finishReason }],
    usage: usage(c),
  });
}
