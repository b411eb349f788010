// Bundled by webgpu-cast.spec.ts into a bare page: the app's onnxruntime-web import (lib/browser/ort-web.ts) and
// generation loop scoring a token sequence, so the spec compares its log-probabilities with onnxruntime-node's.
import { serveOrtFrom } from "@/lib/browser/ort-web";
import { tokenLogprobs } from "@/lib/onnx/generate";
import { assembleModel, type ModelSideFiles } from "@/lib/onnx/load";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";

declare global {
  interface Window {
    scoreTokens(options: { backend: "webgpu" | "wasm"; model: number[]; files: ModelSideFiles; ids: number[] }): Promise<(number | null)[]>;
    hasWebGpuAdapter(): Promise<boolean>;
  }
}

window.hasWebGpuAdapter = async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter());

window.scoreTokens = async ({ backend, model, files, ids }) => {
  const ort = serveOrtFrom(location.origin);
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(Uint8Array.from(model), { executionProviders: [backend] });
  try {
    return await tokenLogprobs(assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, files), ids);
  } finally {
    await session.release();
  }
};
