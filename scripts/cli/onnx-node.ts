// A model folder loaded with onnxruntime-node: the reference the browser's answers and speeds are measured against.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import type { LoadedModel } from "@/lib/onnx/generate";
import { assembleModel } from "@/lib/onnx/load";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";

export async function loadNodeModel(dir: string): Promise<LoadedModel> {
  const json = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  const session = await ort.InferenceSession.create(path.join(dir, "onnx/model.onnx"));
  return assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: json("config.json"),
    generationConfig: json("generation_config.json"),
    tokenizer: json("tokenizer.json"),
    tokenizerConfig: json("tokenizer_config.json"),
  });
}
