// Bundled by bench-browser.ts into the page it opens in headless Chromium: the app's generation loop on
// onnxruntime-web, timed the way the app's "measure this device" button times it.
import { generate } from "@/lib/onnx/generate";
import { assembleModel } from "@/lib/onnx/load";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";
import { serveOrtFrom } from "@/lib/browser/ort-web";
import { BENCH_PROMPT } from "@/lib/browser/worker-protocol";

declare global {
  interface Window {
    runBench(options: { backend: "webgpu" | "wasm"; tokens: number; rounds: number; threads: number }): Promise<unknown>;
  }
}

window.runBench = async ({ backend, tokens, rounds, threads }) => {
  const ort = serveOrtFrom(location.origin);
  ort.env.wasm.numThreads = crossOriginIsolated ? threads : 1;
  const json = async (name: string) => (await fetch(`/model/${name}`)).json();
  const bytes = new Uint8Array(await (await fetch("/model/onnx/model.onnx")).arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: [backend] });
  const loaded = assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: await json("config.json"),
    generationConfig: await json("generation_config.json"),
    tokenizer: await json("tokenizer.json"),
    tokenizerConfig: await json("tokenizer_config.json"),
  });
  // No end token: every round decodes exactly `tokens` tokens.
  const model = { ...loaded, endIds: [] };
  const prompt = model.tokenizer.encodeChat([{ role: "user", content: BENCH_PROMPT }]);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const g = await generate(model, prompt, { maxTokens: tokens, temperature: 0 });
    times.push({ prefillMs: g.prefillMs, decodeMs: g.decodeMs, promptTokens: g.promptTokens, completionTokens: g.completionTokens });
  }
  return { threads: ort.env.wasm.numThreads, times };
};
