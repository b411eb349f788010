// Worker thread that builds a contamination index (build-job.ts), so indexing a 50 MB upload (about 6 s of CPU)
// never holds up the event loop that answers every other user. Same pattern as
// lib/suites/importers/parse-host.mjs: under Vitest, the command line and `next start` it runs the TypeScript
// through tsx.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: path.join(workerData.root, "tsconfig.json") });
// A literal specifier: the production build can bundle the builder into this worker; elsewhere tsx compiles it.
const { runBuildJob } = await import("./build-job.ts");

parentPort.postMessage(await runBuildJob(workerData.job));
