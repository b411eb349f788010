import { type AttemptFailure, failure, preview } from "./http-attempt";
import type { ChatResult, TokenLogprob } from "./types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: AttemptFailure };

type Json = Record<string, unknown> | null | undefined;

const asObject = (v: unknown): Json => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined);
const asCount = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function firstTopLogprobs(choice: Json): TokenLogprob[] | undefined {
  const content = asObject(choice?.logprobs)?.content;
  const first = Array.isArray(content) ? asObject(content[0]) : undefined;
  if (!first || !Array.isArray(first.top_logprobs)) return undefined;
  return first.top_logprobs
    .map(asObject)
    .filter((t) => typeof t?.token === "string" && typeof t.logprob === "number")
    .map((t) => ({ token: t?.token as string, logprob: t?.logprob as number }));
}

export type ChatBody = Omit<ChatResult, "latencyMs" | "attempts">;

/** Reads an OpenAI chat completion (or a legacy `text` choice); empty or odd shapes become retryable failures. */
export function parseChatBody(body: unknown, status: number): Parsed<ChatBody> {
  const root = asObject(body);
  const error = asObject(root?.error);
  if (error) {
    const detail = typeof error.message === "string" ? preview(error.message) : undefined;
    return { ok: false, failure: failure("server_error", true, `server answered ${status} with an error object`, { status, detail }) };
  }
  const choices = root?.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    const detail = preview(JSON.stringify(body) ?? "");
    return { ok: false, failure: failure("empty", true, `server answered ${status} with no choices`, { status, detail }) };
  }
  const choice = asObject(choices[0]);
  const message = asObject(choice?.message);
  const content = message ? message.content : choice?.text;
  if (content !== null && typeof content !== "string") {
    const detail = preview(JSON.stringify(choice) ?? "");
    return { ok: false, failure: failure("malformed", true, `server answered ${status} without a text answer`, { status, detail }) };
  }
  const usage = asObject(root?.usage);
  const value: ChatBody = {
    text: content ?? "",
    finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null,
    promptTokens: asCount(usage?.prompt_tokens),
    completionTokens: asCount(usage?.completion_tokens),
  };
  const top = firstTopLogprobs(choice);
  if (top) value.topLogprobs = top;
  return { ok: true, value };
}

export function parseModelList(body: unknown, status: number): Parsed<string[]> {
  const data = asObject(body)?.data;
  if (!Array.isArray(data)) {
    return { ok: false, failure: failure("malformed", true, `server answered ${status} without a model list`, { status }) };
  }
  return { ok: true, value: data.map((m) => asObject(m)?.id).filter((id): id is string => typeof id === "string") };
}
