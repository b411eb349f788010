import type { PromptLogprobs } from "@/lib/providers/types";
import { addTotals, emptyTotals, scoreWindow, windowPlan } from "@/lib/scoring/perplexity";
import type { PerplexityInput } from "@/lib/suites/types";
import type { SuiteContext } from "@/lib/tasks/context";
import { DEFAULT_CONTEXT_CHARS, DEFAULT_STRIDE_CHARS } from "@/lib/tasks/perplexity";
import type { ModelClient } from "./model-client";

/** Anything that gives a text's token log-probabilities: the OpenAI-compatible provider, onnx-local. */
export interface PromptScorer {
  promptLogprobs(text: string, signal?: AbortSignal): Promise<PromptLogprobs>;
}

// A short medical sentence: asked once before a run so that a server without prompt log-probabilities fails
// the run with one message instead of every document with the same error.
const PROBE_TEXT = "患者，男，49岁，右下腹疼痛3小时。";

/**
 * Scores each document in strided windows (one request per window, in order) and answers with the document's
 * totals as JSON: what the perplexity task's scorer reads, and what the response cache keeps.
 */
export function perplexityClient(scorer: PromptScorer, endpoint: string | null, ctx: SuiteContext): ModelClient {
  const context = ctx.settings.contextChars ?? DEFAULT_CONTEXT_CHARS;
  const stride = ctx.settings.strideChars ?? DEFAULT_STRIDE_CHARS;
  return {
    // The windows are part of the question: another context or stride must not reuse cached totals.
    endpoint: endpoint === null ? null : `ppl:${context}:${stride}:${endpoint}`,
    async preflight(signal) {
      const probe = await scorer.promptLogprobs(PROBE_TEXT, signal);
      if (!probe.logprobs.slice(1).some((v) => typeof v === "number")) {
        throw new Error("the model gave no log-probabilities for the text's tokens; perplexity needs prompt log-probabilities");
      }
    },
    async answer(_request, { item }, signal) {
      const doc = [...(item.input as PerplexityInput).text];
      const started = performance.now();
      const windows = windowPlan(doc.length, context, stride);
      let totals = emptyTotals();
      let promptTokens = 0;
      for (const w of windows) {
        const answer = await scorer.promptLogprobs(doc.slice(w.start, w.end).join(""), signal);
        promptTokens += answer.tokens.length;
        totals = addTotals(totals, scoreWindow(doc, w, answer));
      }
      const text = JSON.stringify({ ...totals, windows: windows.length });
      return { text, finishReason: "stop", promptTokens, completionTokens: 0, latencyMs: performance.now() - started, attempts: 1 };
    },
  };
}
