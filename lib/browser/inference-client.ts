// The page's handle on the inference worker: one promise per request, and a worker that dies (out of memory)
// fails what it was doing with a message instead of taking the tab with it.
import type { ChatRequest } from "@/lib/providers/types";
import type { FromWorker, ModelSource, ToWorker, WorkerDevice, WorkerGeneration } from "./worker-protocol";

/** The worker itself is gone (killed for memory, or stopped): nothing more can be generated in it. */
export class WorkerStoppedError extends Error {}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

export interface Loaded {
  device: WorkerDevice;
  loadMs: number;
  modelBytes: number;
  memoryBytes: number | null;
}

export class InferenceClient {
  private worker = new Worker(new URL("./inference.worker.ts", import.meta.url), { type: "module" });
  private pending = new Map<number | string, Pending>();
  private nextId = 1;
  memoryBytes: number | null = null;

  constructor(private onProgress: (file: string, loaded: number, total: number | null) => void = () => {}) {
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(new WorkerStoppedError(`the model worker stopped (${event.message || "out of memory?"}); try a smaller model or the WASM path`));
    };
  }

  private receive(message: FromWorker) {
    if (message.type === "progress") return this.onProgress(message.file, message.loaded, message.total);
    const key = message.type === "result" ? message.id : message.type === "error" ? (message.id ?? "task") : "task";
    const waiting = this.pending.get(key);
    if (!waiting) return;
    this.pending.delete(key);
    if (message.type === "error") waiting.reject(new Error(message.message));
    else {
      if ("memoryBytes" in message) this.memoryBytes = message.memoryBytes;
      (waiting.resolve as (value: FromWorker) => void)(message);
    }
  }

  private failAll(error: Error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private request<T>(key: number | string, message: ToWorker): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(key, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage(message);
    });
  }

  load(modelId: string, source: ModelSource, forceWasm = false): Promise<Loaded> {
    return this.request<Extract<FromWorker, { type: "ready" }>>("task", { type: "load", modelId, source, forceWasm });
  }

  async generate({ messages, params, logprobLabels }: ChatRequest): Promise<WorkerGeneration> {
    const id = this.nextId++;
    const reply = await this.request<Extract<FromWorker, { type: "result" }>>(id, { type: "generate", id, messages, params, logprobLabels });
    return reply.generation;
  }

  bench(tokens: number) {
    return this.request<Extract<FromWorker, { type: "bench" }>>("task", { type: "bench", tokens });
  }

  terminate() {
    this.worker.terminate();
    this.failAll(new WorkerStoppedError("stopped"));
  }
}
