// The reference the browser's answers are checked against: the same model and generation loop on
// onnxruntime-node, as the server's onnx-local provider runs it.
import { generateOptions } from "../lib/onnx/generate-options";
import { generate } from "../lib/onnx/generate";
import type { DecodingParams } from "../lib/providers/types";
import type { ChatMessage } from "../lib/suites/types";
import { loadOnnxModel } from "../lib/providers/onnx-session";

export async function loadReference(dir: string) {
  const model = await loadOnnxModel(dir);
  return async (messages: ChatMessage[], params: DecodingParams) =>
    (await generate(model, model.tokenizer.encodeChat(messages), generateOptions(params))).text;
}
