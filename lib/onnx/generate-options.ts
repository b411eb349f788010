import type { DecodingParams } from "@/lib/providers/types";
import type { GenerateOptions } from "./generate";

/** Answer length when a request names none (the OpenAI default is the model's whole context). */
export const DEFAULT_MAX_TOKENS = 512;

/**
 * A request's decoding parameters as the generation loop takes them: the one mapping of the onnx-local provider
 * and the browser's worker, so both answer a prepared item alike. `labels`: the option labels or scale points
 * whose logprobs the answer mode reads (a prepared item's logprobLabels).
 */
export function generateOptions(params: DecodingParams, labels?: readonly string[]): GenerateOptions {
  return {
    maxTokens: params.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: params.temperature ?? 0,
    topP: params.top_p,
    seed: params.seed,
    stop: params.stop === undefined ? [] : [params.stop].flat(),
    topLogprobs: params.logprobs ? (params.top_logprobs ?? 1) : undefined,
    labelLogprobs: params.logprobs ? labels : undefined,
  };
}
