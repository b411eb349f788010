// An ONNX model folder loaded with onnxruntime-node: the one loader of the onnx-local provider's worker thread,
// the benchmarks and the e2e reference.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LoadedModel } from "@/lib/onnx/generate";
import { assembleModel } from "@/lib/onnx/load";
import type { ModelDtype } from "@/lib/onnx/model-config";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";
import { modelFileOf } from "./onnx-dir";

function readJson(dir: string, name: string, optional = false): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}

export async function loadOnnxModel(dir: string, dtype: ModelDtype = "fp32"): Promise<LoadedModel> {
  // Loaded on first use: processes that never run an ONNX model never load the native runtime.
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(modelFileOf(dir, dtype), { executionProviders: ["cpu"] });
  return assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: readJson(dir, "config.json")!,
    generationConfig: readJson(dir, "generation_config.json", true),
    tokenizer: readJson(dir, "tokenizer.json")!,
    tokenizerConfig: readJson(dir, "tokenizer_config.json")!,
  });
}
