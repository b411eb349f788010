import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SuiteDefinition, SuiteItem } from "../types";
import { ImportError } from "./errors";
import { type ParseJob, type ParseMessage, runParseJob } from "./parse-jobs";
import type { FileInspection, UserSuitePreview } from "./user-upload";

/** Below this size a file is parsed in place: starting the worker costs more than the parse. */
export const OFF_THREAD_BYTES = 1 << 20;

type Results = {
  inspect: FileInspection;
  preview: Extract<UserSuitePreview, { ok: true }>;
  import: { suite: SuiteDefinition; warnings: string[]; version: string };
};

interface Pending {
  items: SuiteItem[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

let host: { worker: Worker; ready: Promise<void> } | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;
// Parses share one worker, one at a time: two 50 MB files at once would double the memory for no gain in time.
let queue: Promise<unknown> = Promise.resolve();

function settle(message: { id?: number } & ParseMessage) {
  const job = message.id === undefined ? undefined : pending.get(message.id);
  if (!job) return;
  if (message.type === "items") {
    for (const item of message.items) job.items.push(item);
    host?.worker.postMessage({ taken: message.id });
    return;
  }
  pending.delete(message.id!);
  if (pending.size === 0) host?.worker.unref();
  if (message.type === "result") job.resolve(withItems(message.value, job.items));
  else if (message.type === "import-error") job.reject(new ImportError(message.issues, message.omitted, message.lines));
  else job.reject(new Error(message.message));
}

function withItems(value: unknown, items: SuiteItem[]): unknown {
  const result = value as { suite?: SuiteDefinition };
  return result.suite ? { ...result, suite: { ...result.suite, items } } : value;
}

// A path computed at run time, like lib/db/embedded.ts's host: the bundler must not try to resolve the worker.
const HOST_ENTRY = path.join(process.cwd(), "lib", "suites", "importers", "parse-host.mjs");

function startHost() {
  const worker = new Worker(HOST_ENTRY, { workerData: { root: process.cwd() } });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message: { id?: number } & (ParseMessage | { type: "ready" })) => {
      if (message.type === "ready") resolve();
      else settle(message);
    });
  });
  const failAll = (error: Error) => {
    host = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.reject(new Error(`the file could not be parsed: ${error.message}`));
    }
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`parser stopped (exit code ${code})`)));
  return { worker, ready };
}

async function inWorker<M extends ParseJob["mode"]>(job: Extract<ParseJob, { mode: M }>): Promise<Results[M]> {
  host ??= startHost();
  const { worker, ready } = host;
  await ready;
  const id = nextId++;
  return new Promise<Results[M]>((resolve, reject) => {
    pending.set(id, { items: [], resolve: resolve as (value: unknown) => void, reject });
    // Held while it works, so a command-line process waits for its parse; let go when idle.
    worker.ref();
    worker.postMessage({ id, job });
  });
}

function inPlace<M extends ParseJob["mode"]>(job: Extract<ParseJob, { mode: M }>): Results[M] {
  const items: SuiteItem[] = [];
  let outcome: ParseMessage | undefined;
  runParseJob(job, (message) => {
    if (message.type === "items") items.push(...message.items);
    else outcome = message;
  });
  if (outcome?.type === "result") return withItems(outcome.value, items) as Results[M];
  if (outcome?.type === "import-error") throw new ImportError(outcome.issues, outcome.omitted, outcome.lines);
  throw new Error(outcome?.type === "error" ? outcome.message : "the parser gave no result");
}

/**
 * Inspects, previews or parses an uploaded file; a large one on the parser thread, so the app keeps answering
 * other requests meanwhile. Throws ImportError for a bad file, exactly as the parsers do.
 */
export function parseUpload<M extends ParseJob["mode"]>(
  job: Extract<ParseJob, { mode: M }>,
  { offThreadBytes = OFF_THREAD_BYTES }: { offThreadBytes?: number } = {},
): Promise<Results[M]> {
  if (job.request.bytes.byteLength < offThreadBytes) return Promise.resolve().then(() => inPlace(job));
  const result = queue.then(() => inWorker(job));
  queue = result.catch(() => undefined);
  return result;
}
