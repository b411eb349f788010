// Worker thread that parses uploaded files (parse-jobs.ts), so a 200,000-item file never holds up the event loop
// that answers every other user. Plain JavaScript like lib/db/embedded-host.mjs: the production build bundles it
// as a worker entry; under Vitest and the command line it runs the TypeScript parsers through tsx.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: path.join(workerData.root, "tsconfig.json") });
// A literal specifier: the production build bundles the parsers into this worker; elsewhere tsx compiles them.
const { runParseJob } = await import("./parse-jobs.ts");

// A port hands every queued message to the receiving thread in one turn of its event loop, so a result sent as
// a hundred slices at once would block it as long as one big message. Each slice waits for the last to be taken.
const outboxes = new Map();
const sendNext = (id) => {
  const outbox = outboxes.get(id);
  const message = outbox?.shift();
  if (!message) return;
  if (outbox.length === 0) outboxes.delete(id);
  parentPort.postMessage({ id, ...message });
};

parentPort.on("message", (message) => {
  if (message.taken !== undefined) return sendNext(message.taken);
  const outbox = [];
  runParseJob(message.job, (out) => outbox.push(out));
  outboxes.set(message.id, outbox);
  sendNext(message.id);
});
parentPort.postMessage({ type: "ready" });
