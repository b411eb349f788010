/// <reference lib="webworker" />
// Generation off the page's thread: loads a model with onnxruntime-web (WebGPU when the browser gives an adapter,
// WASM otherwise) and answers prompts with the generation loop shared with the server's onnx-local provider.
import type { InferenceSession } from "onnxruntime-web/webgpu";
import { generate, type LoadedModel } from "@/lib/onnx/generate";
import { generateOptions } from "@/lib/onnx/generate-options";
import { assembleModel } from "@/lib/onnx/load";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";
import { checkFits } from "./model-files";
import { readModelFiles } from "./model-source";
import { serveOrtFrom } from "./ort-web";
import { BENCH_PROMPT, type FromWorker, type ToWorker, type WorkerDevice } from "./worker-protocol";

declare const self: DedicatedWorkerGlobalScope;

const ort = serveOrtFrom(self.location.origin);
// Threads need SharedArrayBuffer, which only a cross-origin isolated page has.
const threads = self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
// Below this size a decode step is all hand-off between threads: one thread was 3× faster on the tiny model.
const SMALL_MODEL_BYTES = 64 * 1024 ** 2;

let model: LoadedModel | null = null;
const post = (message: FromWorker) => self.postMessage(message);

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  limits?: { maxBufferSize?: number };
}

async function pickDevice(forceWasm: boolean): Promise<WorkerDevice & { gpu: GpuAdapterLike | null }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  const adapter = !forceWasm && gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (!adapter) return { backend: "wasm", adapter: null, threads, gpu: null };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture].filter(Boolean).join(" / ") || info.description || "WebGPU adapter";
  return { backend: "webgpu", adapter: name, threads, gpu: adapter };
}

/** What the page may hold: half the device's memory where the browser tells it, and WASM's 4 GB at most. */
function memoryBudget(): number | null {
  const gb = (navigator as unknown as { deviceMemory?: number }).deviceMemory;
  const wasmLimit = 4 * 1024 ** 3;
  return gb ? Math.min(wasmLimit, (gb * 1024 ** 3) / 2) : wasmLimit;
}

function memoryInUse(modelBytes: number): number | null {
  const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
  return heap === undefined ? modelBytes : modelBytes + heap;
}

let modelBytes = 0;

async function load(message: Extract<ToWorker, { type: "load" }>) {
  const started = performance.now();
  const device = await pickDevice(!!message.forceWasm);
  const files = await readModelFiles(message.modelId, message.source, {
    progress: (file, loaded, total) => post({ type: "progress", file, loaded, total }),
    checkTotal: (bytes) => {
      const refused = checkFits(bytes, memoryBudget());
      if (refused) throw new Error(refused);
    },
  });
  if (device.gpu) (ort.env.webgpu as unknown as { adapter: unknown }).adapter = device.gpu;
  device.threads = files.bytes < SMALL_MODEL_BYTES ? 1 : threads;
  ort.env.wasm.numThreads = device.threads;
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(files.model, {
      executionProviders: [device.backend],
      ...(files.externalData ? { externalData: [files.externalData] } : {}),
    });
  } catch (error) {
    throw new Error(`the model could not be loaded on this device (${device.backend}): ${(error as Error).message ?? error}`);
  }
  const json = files.json;
  model = assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: json["config.json"]!,
    generationConfig: json["generation_config.json"] ?? null,
    tokenizer: json["tokenizer.json"]!,
    tokenizerConfig: json["tokenizer_config.json"]!,
  });
  modelBytes = files.bytes;
  const { gpu: _gpu, ...shown } = device;
  post({ type: "ready", device: shown, loadMs: performance.now() - started, modelBytes, memoryBytes: memoryInUse(modelBytes) });
}

async function answer(message: Extract<ToWorker, { type: "generate" }>) {
  if (!model) throw new Error("no model is loaded");
  const g = await generate(model, model.tokenizer.encodeChat(message.messages), generateOptions(message.params, message.logprobLabels));
  post({
    type: "result",
    id: message.id,
    generation: {
      text: g.text,
      ...(g.topLogprobs ? { topLogprobs: g.topLogprobs } : {}),
      promptTokens: g.promptTokens,
      completionTokens: g.completionTokens,
      prefillMs: g.prefillMs,
      decodeMs: g.decodeMs,
    },
    memoryBytes: memoryInUse(modelBytes),
  });
}

/** The same measurement as `npm run bench -- --browser`: a fixed prompt, greedy, a fixed number of new tokens. */
async function bench(tokens: number) {
  if (!model) throw new Error("no model is loaded");
  const prompt = model.tokenizer.encodeChat([{ role: "user", content: BENCH_PROMPT }]);
  const g = await generate(model, prompt, { maxTokens: tokens, temperature: 0 });
  post({
    type: "bench",
    prefillTokensPerSecond: (g.promptTokens * 1000) / Math.max(g.prefillMs, 1e-3),
    // The first token comes out of the prefill; the rest are decode steps.
    decodeTokensPerSecond: (Math.max(g.completionTokens - 1, 0) * 1000) / Math.max(g.decodeMs, 1e-3),
    memoryBytes: memoryInUse(modelBytes),
  });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const work = message.type === "load" ? load(message) : message.type === "generate" ? answer(message) : bench(message.tokens);
  work.catch((error: unknown) =>
    post({ type: "error", ...(message.type === "generate" ? { id: message.id } : {}), message: (error as Error)?.message ?? String(error) }),
  );
};
