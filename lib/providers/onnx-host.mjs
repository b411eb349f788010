// Worker thread of one onnx-local model (folder + dtype): onnxruntime-node's session.run computes on the thread
// that calls it, so a 0.5B model's prefill here holds up no other user's request. Plain JavaScript like
// lib/suites/importers/parse-host.mjs; the TypeScript jobs run through tsx.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: path.join(workerData.root, "tsconfig.json") });
// A literal specifier, as parse-host.mjs does, so a bundler can follow it; elsewhere tsx compiles it.
const { runOnnxJob } = await import("./onnx-jobs.ts");

const { dir, dtype, abortFlag } = workerData;
// The parent sends one job at a time (its queue), so jobs never interleave here.
parentPort.on("message", async ({ id, job }) => {
  try {
    const value = await runOnnxJob(dir, dtype, job, () => Atomics.load(abortFlag, 0) === id);
    parentPort.postMessage({ id, type: "result", value });
  } catch (error) {
    parentPort.postMessage({ id, type: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
