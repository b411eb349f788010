// The reference the browser's answers are checked against: the same model and generation loop on
// onnxruntime-node, as the server's onnx-local provider runs it.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { generate, type LoadedModel } from "../lib/onnx/generate";
import { assembleModel } from "../lib/onnx/load";
import type { OrtSession, OrtTensorConstructor } from "../lib/onnx/ort-types";
import type { DecodingParams } from "../lib/providers/types";
import type { ChatMessage } from "../lib/suites/types";

export async function loadReference(dir: string) {
  const json = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  const session = await ort.InferenceSession.create(path.join(dir, "onnx/model.onnx"));
  const model: LoadedModel = assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: json("config.json"),
    generationConfig: json("generation_config.json"),
    tokenizer: json("tokenizer.json"),
    tokenizerConfig: json("tokenizer_config.json"),
  });
  return async (messages: ChatMessage[], params: DecodingParams) =>
    (
      await generate(model, model.tokenizer.encodeChat(messages), {
        maxTokens: params.max_tokens ?? 256,
        temperature: params.temperature,
        topP: params.top_p,
        seed: params.seed,
        stop: params.stop === undefined ? undefined : Array.isArray(params.stop) ? params.stop : [params.stop],
        topLogprobs: params.logprobs ? params.top_logprobs : undefined,
      })
    ).text;
}
