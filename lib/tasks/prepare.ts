import type { DecodingParams } from "@/lib/providers/types";
import type { ScalePresentation } from "@/lib/suites/scales";
import type { ChatMessage } from "@/lib/suites/types";
import type { ContextItem, SuiteContext } from "./context";
import { taskOf } from "./index";
import { isGreedySample } from "./samples";
import type { PreparedPrompt, PreparedRequest, RawAnswer, ScoredAnswer } from "./types";

const TOP_LOGPROBS = 20;

/** Builds the exact request for one (item, sample); the same inputs always give the same request. */
export function prepareRequest(
  ctx: SuiteContext,
  item: ContextItem,
  sample: number,
  modelParams: Record<string, unknown>,
): PreparedRequest {
  const task = taskOf(ctx.kind);
  const prompt = task.prompt(ctx, item, sample);
  if ("error" in prompt) return prompt;
  const system = ctx.settings.systemPrompt ?? undefined;
  const params = decodingParams(ctx, sample, modelParams);
  const labels = params.logprobs ? logprobLabels(item, prompt.presentation) : undefined;
  return { ...prompt, messages: withSystem(prompt.messages, system), params, ...(labels ? { logprobLabels: labels } : {}) };
}

/** A scale's points as presented, or an mcq item's option letters. */
function logprobLabels(item: ContextItem, presentation: ScalePresentation | undefined): string[] | undefined {
  if (presentation) return presentation.labels;
  const options = (item.input as { options?: Record<string, string> } | undefined)?.options;
  return options ? Object.keys(options) : undefined;
}

function withSystem(messages: ChatMessage[], system: string | undefined): ChatMessage[] {
  if (!system || messages[0]?.role === "system") return messages;
  return [{ role: "system", content: system }, ...messages];
}

function decodingParams(ctx: SuiteContext, sample: number, modelParams: Record<string, unknown>): DecodingParams {
  const { settings } = ctx;
  const greedy = isGreedySample(settings, sample);
  const params: DecodingParams = {
    temperature: greedy ? 0 : (settings.temperature ?? num(modelParams.temperature)),
    top_p: greedy ? undefined : (settings.topP ?? num(modelParams.top_p)),
    max_tokens: settings.maxTokens,
    // A distinct seed per administration keeps repeated samples apart in the response cache.
    seed: settings.seed + sample,
  };
  if (taskOf(ctx.kind).wantsLogprobs(ctx)) {
    params.logprobs = true;
    params.top_logprobs = TOP_LOGPROBS;
  }
  return params;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** Parses and scores one raw answer with its task kind's scorer. */
export function scoreAnswer(ctx: SuiteContext, item: ContextItem, sample: number, prepared: PreparedPrompt, answer: RawAnswer): ScoredAnswer {
  return taskOf(ctx.kind).score(ctx, item, sample, prepared, answer);
}
