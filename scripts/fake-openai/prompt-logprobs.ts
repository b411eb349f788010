import { seededRng, tokenize } from "./text-utils";

/**
 * Prompt log-probabilities the way vLLM's /v1/completions answers `echo: true` with `logprobs`: every prompt
 * token, its log-probability (null for the first) and its character offset. A token's log-probability is a
 * pure function of (seed, previous token, token), so a test can recompute any document's bits per character,
 * however the document is cut into windows (each window's first token is not scored).
 */
export const NO_PROMPT_LOGPROBS_MODEL = "fake-no-prompt-logprobs";

export function fakeTokenLogprob(seed: number, previous: string, token: string): number {
  return -(0.25 + 4 * seededRng(seed, `${previous}\u0000${token}`, "prompt-logprob")());
}

export function fakePromptLogprobs(seed: number, prompt: string): { tokens: string[]; logprobs: (number | null)[]; offsets: number[] } {
  const tokens = tokenize(prompt);
  const offsets: number[] = [];
  let at = 0;
  for (const t of tokens) {
    offsets.push(at);
    at += [...t].length;
  }
  const logprobs = tokens.map((t, i) => (i === 0 ? null : fakeTokenLogprob(seed, tokens[i - 1], t)));
  return { tokens, logprobs, offsets };
}

/**
 * What a perplexity run should find for a document scored whole (or in windows that do not cut a token): every
 * token but the first, its loss, and the characters and UTF-8 bytes it covers.
 */
export function fakeDocumentTotals(seed: number, text: string) {
  const tokens = tokenize(text);
  let nats = 0;
  for (let i = 1; i < tokens.length; i++) nats -= fakeTokenLogprob(seed, tokens[i - 1], tokens[i]);
  const scored = tokens.slice(1).join("");
  return { nats, tokens: Math.max(0, tokens.length - 1), chars: [...scored].length, bytes: Buffer.byteLength(scored, "utf8") };
}

/** The `logprobs` object of a legacy completion choice holding the prompt's tokens (and, after them, the generated ones). */
export function echoLogprobs(seed: number, prompt: string, generated: string[]) {
  const { tokens, logprobs, offsets } = fakePromptLogprobs(seed, prompt);
  let at = [...prompt].length;
  for (const t of generated) {
    tokens.push(t);
    logprobs.push(-1);
    offsets.push(at);
    at += [...t].length;
  }
  return {
    tokens,
    token_logprobs: logprobs,
    text_offset: offsets,
    top_logprobs: tokens.map((t, i) => (logprobs[i] === null ? null : { [t]: logprobs[i] })),
  };
}
