import path from "node:path";
import { Worker } from "node:worker_threads";
import type { BuildJob, BuildOutcome } from "./build-job";

// A path computed at run time, like lib/suites/importers/off-thread.ts: the bundler must not try to resolve the worker.
const HOST_ENTRY = path.join(process.cwd(), "lib", "contamination", "build-host.mjs");

// Builds run one at a time (each holds up to 40 MB of buffers and one core; two at once finish no sooner), one
// queue per process: on globalThis, as each route of the production build may load its own copy of this module.
const shared = globalThis as unknown as { chimedIndexBuilds?: Promise<unknown> };

function inWorker(job: BuildJob): Promise<BuildOutcome> {
  return new Promise((resolve) => {
    let failure: string | null = null;
    const worker = new Worker(HOST_ENTRY, { workerData: { root: process.cwd(), job } });
    worker.once("message", (message: BuildOutcome) => resolve(message));
    worker.once("error", (error) => (failure = error.message));
    // A second resolve is ignored: this only settles a worker that died without an answer.
    worker.once("exit", (code) => resolve({ type: "error", message: `the index builder stopped: ${failure ?? `exit code ${code}`}` }));
  });
}

/** Builds an index on its own worker thread, after any build already under way; never rejects. */
export function buildOffThread(job: BuildJob): Promise<BuildOutcome> {
  const outcome = (shared.chimedIndexBuilds ?? Promise.resolve()).then(() => inWorker(job));
  shared.chimedIndexBuilds = outcome;
  return outcome;
}
