import type { GenerateOptions } from "@/lib/onnx/generate";
import type { DecodingParams } from "@/lib/providers/types";

/** A prepared item's decoding parameters as the generation loop takes them (the onnx-local provider's mapping). */
export function generateOptions(params: DecodingParams): GenerateOptions {
  return {
    maxTokens: params.max_tokens ?? 256,
    temperature: params.temperature,
    topP: params.top_p,
    seed: params.seed,
    stop: params.stop === undefined ? undefined : Array.isArray(params.stop) ? params.stop : [params.stop],
    topLogprobs: params.logprobs ? params.top_logprobs : undefined,
  };
}
