// The onnx-local provider: an ONNX causal LM run by onnxruntime-node on this server's CPU, through the same
// generation loop (lib/onnx) as the browser, on a worker thread per model (onnx-host.mjs) so the event loop
// that answers every other request stays free while it computes.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { LoadedModel } from "@/lib/onnx/generate";
import type { ModelDtype } from "@/lib/onnx/model-config";
import type { OnnxJob, OnnxJobResult } from "./onnx-jobs";
import { loadOnnxModel } from "./onnx-session";
import { type ChatProvider, type ChatRequest, type ChatResult, type PromptLogprobs, ProviderError } from "./types";

interface Pending {
  resolve(value: OnnxJobResult): void;
  reject(error: Error): void;
}

interface Host {
  worker: Worker;
  /** The id of the job to abort; the worker reads it before every forward pass. */
  abortFlag: Int32Array;
  pending: Map<number, Pending>;
}

// A path computed at run time, like parse-host.mjs's: the bundler must not try to resolve the worker.
const HOST_ENTRY = path.join(process.cwd(), "lib", "providers", "onnx-host.mjs");

const hosts = new Map<string, Host>();
/** One job at a time per model: a session's runs would only queue inside onnxruntime anyway. */
const tails = new Map<string, Promise<unknown>>();
let nextId = 1;

function failure(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = `onnx model: ${(error as Error).message ?? String(error)}`;
  return new ProviderError(message, { kind: "bad_request", retryable: false, attempts: 1 });
}

function startHost(key: string, dir: string, dtype: ModelDtype): Host {
  const abortFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(HOST_ENTRY, { workerData: { root: process.cwd(), dir, dtype, abortFlag } });
  // Held only while it works, so a command-line process exits when its run is done.
  worker.unref();
  const host: Host = { worker, abortFlag, pending: new Map() };
  worker.on("message", (message: { id: number } & ({ type: "result"; value: OnnxJobResult } | { type: "error"; message: string })) => {
    const job = host.pending.get(message.id);
    if (!job) return;
    host.pending.delete(message.id);
    if (host.pending.size === 0) worker.unref();
    if (message.type === "result") job.resolve(message.value);
    else job.reject(failure(new Error(message.message)));
  });
  const stopped = (reason: string) => {
    if (hosts.get(key) === host) hosts.delete(key);
    for (const [id, job] of host.pending) {
      host.pending.delete(id);
      const message = `onnx model: the model's worker thread stopped (${reason}); it starts again for the next item`;
      job.reject(new ProviderError(message, { kind: "server_error", retryable: false, attempts: 1 }));
    }
  };
  worker.on("error", (error) => stopped(error.message));
  worker.on("exit", (code) => stopped(`exit code ${code}`));
  return host;
}

function send(key: string, dir: string, dtype: ModelDtype, id: number, job: OnnxJob): Promise<OnnxJobResult> {
  let host = hosts.get(key);
  if (!host) hosts.set(key, (host = startHost(key, dir, dtype)));
  const { worker, pending } = host;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, job });
  });
}

/** Runs a job on the model's worker once the previous one has finished; an abort rejects at once. */
function submit(dir: string, dtype: ModelDtype, job: OnnxJob, signal?: AbortSignal): Promise<OnnxJobResult> {
  signal?.throwIfAborted();
  const key = `${dir}#${dtype}`;
  const id = nextId++;
  const done = (tails.get(key) ?? Promise.resolve()).then(() => {
    signal?.throwIfAborted();
    return send(key, dir, dtype, id, job);
  });
  tails.set(key, done.catch(() => undefined));
  if (!signal) return done;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      const host = hosts.get(key);
      // The worker stops at its next forward pass; the queue moves on when it reports so.
      if (host?.pending.has(id)) Atomics.store(host.abortFlag, 0, id);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    done.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Stops every model's worker (their sessions and memory go with them); the next job starts a fresh one. */
export async function stopOnnxWorkers(): Promise<void> {
  await Promise.all([...hosts.values()].map((host) => host.worker.terminate()));
}

export interface OnnxLocalProvider extends ChatProvider {
  /** The model loaded in this thread (for benchmarks, which time the loop alone). */
  loaded(): Promise<LoadedModel>;
  promptLogprobs(text: string, signal?: AbortSignal): Promise<PromptLogprobs>;
}

export function createOnnxLocalProvider({ dir, dtype = "fp32" }: { dir: string; dtype?: ModelDtype }): OnnxLocalProvider {
  let inThread: Promise<LoadedModel> | null = null;
  return {
    async chat({ messages, params, logprobLabels }: ChatRequest, signal?: AbortSignal): Promise<ChatResult> {
      const started = performance.now();
      const answer = (await submit(dir, dtype, { op: "chat", messages, params, logprobLabels }, signal)) as Omit<ChatResult, "latencyMs" | "attempts">;
      return { ...answer, latencyMs: performance.now() - started, attempts: 1 };
    },
    loaded: () => (inThread ??= loadOnnxModel(dir, dtype)),
    promptLogprobs: async (text, signal) => (await submit(dir, dtype, { op: "logprobs", text }, signal)) as PromptLogprobs,
    async listModels() {
      return [path.basename(dir)];
    },
    async testConnection() {
      const started = performance.now();
      try {
        const r = await this.chat({ messages: [{ role: "user", content: "你好" }], params: { max_tokens: 8 } });
        return { ok: true, models: await this.listModels(), sample: r.text, latencyMs: performance.now() - started };
      } catch (error) {
        return { ok: false, error: (error as Error).message, latencyMs: performance.now() - started };
      }
    },
  };
}
