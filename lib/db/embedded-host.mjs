// Worker thread of the process that owns the embedded database: PGlite and its wire server run here, so the
// owner's own event loop (the app answering pages, a runner reading model answers) never waits on SQL being
// executed in WebAssembly. Plain JavaScript, loaded as is by every kind of owner (see wire-server.mjs).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { serveWire } from "./wire-server.mjs";

const { dataDir, port, password } = workerData;
let db;
try {
  db = await PGlite.create(dataDir);
} catch (error) {
  parentPort.postMessage({ type: "error", message: `the embedded database at ${dataDir} could not be opened: ${error.message}` });
  process.exit(1);
}
let server;
try {
  server = await serveWire(db, { port, password });
} catch (error) {
  await db.close();
  parentPort.postMessage({ type: "error", message: `the embedded database could not listen on 127.0.0.1:${port} (set PGLITE_PORT): ${error.message}` });
  process.exit(1);
}
parentPort.on("message", async (message) => {
  if (message !== "close") return;
  await server.close();
  await db.close();
  parentPort.close();
});
parentPort.postMessage({ type: "ready" });
