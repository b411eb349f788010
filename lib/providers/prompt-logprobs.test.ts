import { describe, expect, it } from "vitest";
import { NO_PROMPT_LOGPROBS, parsePromptLogprobs } from "./prompt-logprobs";

const choice = (c: Record<string, unknown>) => ({ choices: [{ index: 0, ...c }] });

describe("parsePromptLogprobs", () => {
  it("reads vLLM's echo answer and drops the token generated after the prompt", () => {
    const body = choice({
      text: "头痛吗",
      logprobs: { tokens: ["头", "痛", "吗"], token_logprobs: [null, -1.5, -0.2], text_offset: [0, 1, 2] },
    });
    expect(parsePromptLogprobs(body, 200, "头痛")).toEqual({ ok: true, value: { tokens: ["头", "痛"], logprobs: [null, -1.5], offsets: [0, 1] } });
  });

  it("reads vLLM's prompt_logprobs list, offsets counted back from the prompt's end (the first token is unknown)", () => {
    const body = choice({ text: "", prompt_logprobs: [null, { "42": { logprob: -2, rank: 1, decoded_token: "痛了" } }] });
    expect(parsePromptLogprobs(body, 200, "头痛了")).toEqual({ ok: true, value: { tokens: ["", "痛了"], logprobs: [null, -2], offsets: [0, 1] } });
  });

  it("names what is missing when only the generated token has a log-probability (llama.cpp's server)", () => {
    const body = choice({ text: "头痛吗", logprobs: { tokens: ["吗"], token_logprobs: [-0.2], text_offset: [2] } });
    const parsed = parsePromptLogprobs(body, 200, "头痛");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.failure).toMatchObject({ summary: NO_PROMPT_LOGPROBS, retryable: false });
    expect(parsePromptLogprobs(choice({ text: "头痛吗", logprobs: null }), 200, "头痛").ok).toBe(false);
  });
});
