import type { Parsed } from "./chat-response";
import { failure, preview } from "./http-attempt";
import type { PromptLogprobs } from "./types";

type Json = Record<string, unknown> | undefined;
const asObject = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const lp = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Why a server cannot score perplexity, said once per run (not once per document). */
export const NO_PROMPT_LOGPROBS =
  "the server answered /v1/completions with echo and logprobs but without prompt log-probabilities; perplexity needs a server that returns them (vLLM does)";
export const REFUSED_PROMPT_LOGPROBS =
  "the server refused /v1/completions with echo and logprobs, so it cannot score perplexity (vLLM can)";

/**
 * The prompt's tokens from a legacy completion asked with `echo: true` and `logprobs` (vLLM, the OpenAI legacy
 * API), or from vLLM's `prompt_logprobs` list. Offsets are characters (code points) of the prompt; tokens the
 * server generated after the prompt are dropped. Without offsets, they are summed from the token strings.
 */
export function parsePromptLogprobs(body: unknown, status: number, prompt: string): Parsed<PromptLogprobs> {
  const choice = asObject(Array.isArray(asObject(body)?.choices) ? (asObject(body)!.choices as unknown[])[0] : undefined);
  const length = [...prompt].length;
  const echoed = asObject(choice?.logprobs);
  if (echoed && Array.isArray(echoed.tokens) && Array.isArray(echoed.token_logprobs)) {
    const tokens = echoed.tokens.map((t) => (typeof t === "string" ? t : ""));
    const offsets = Array.isArray(echoed.text_offset) && echoed.text_offset.length === tokens.length
      ? echoed.text_offset.map((o) => (typeof o === "number" ? o : Number.NaN))
      : cumulativeOffsets(tokens);
    const logprobs = echoed.token_logprobs.map(lp);
    const keep = offsets.findIndex((o) => !(o < length));
    const n = keep === -1 ? tokens.length : keep;
    if (n > 1 && logprobs.slice(1, n).some((v) => v !== null)) {
      return { ok: true, value: { tokens: tokens.slice(0, n), logprobs: logprobs.slice(0, n), offsets: offsets.slice(0, n) } };
    }
  }
  if (Array.isArray(choice?.prompt_logprobs)) {
    // vLLM's prompt_logprobs: per prompt token {token_id: {logprob, decoded_token}} holding the actual token.
    const entries = (choice.prompt_logprobs as unknown[]).map((e) => {
      const first = Object.values(asObject(e) ?? {}).map(asObject)[0];
      return { token: typeof first?.decoded_token === "string" ? first.decoded_token : "", logprob: lp(first?.logprob) };
    });
    if (entries.slice(1).some((e) => e.logprob !== null)) {
      const tokens = entries.map((e) => e.token);
      return { ok: true, value: { tokens, logprobs: entries.map((e) => e.logprob), offsets: offsetsFromEnd(tokens, length) } };
    }
  }
  const detail = preview(JSON.stringify(body) ?? "");
  return { ok: false, failure: failure("malformed", false, NO_PROMPT_LOGPROBS, { status, detail }) };
}

/** The first entry of prompt_logprobs is null (its token unknown): the others are placed back from the prompt's end. */
function offsetsFromEnd(tokens: readonly string[], length: number): number[] {
  const offsets = new Array<number>(tokens.length).fill(0);
  let at = length;
  for (let i = tokens.length - 1; i >= 1; i--) {
    at -= [...tokens[i]].length;
    offsets[i] = Math.max(0, at);
  }
  return offsets;
}

function cumulativeOffsets(tokens: readonly string[]): number[] {
  let at = 0;
  return tokens.map((t) => {
    const offset = at;
    at += [...t].length;
    return offset;
  });
}
