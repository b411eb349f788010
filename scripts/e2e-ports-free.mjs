// Run by the browser tests' web servers before they start: each named port must be free on loopback. The e2e
// setup never reuses a server it did not start (another checkout's app, or its embedded database, may answer
// there), so a taken port stops the run with the variable that moves it.
//   node scripts/e2e-ports-free.mjs E2E_PORT=3100 E2E_PGLITE_PORT=54339
import { createServer } from "node:net";

const taken = [];
for (const arg of process.argv.slice(2)) {
  const [name, port] = arg.split("=");
  const free = await new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(Number(port), "127.0.0.1", () => server.close(() => resolve(true)));
  });
  if (!free) taken.push(`port ${port} (${name}) is already in use`);
}
if (taken.length > 0) {
  console.error(
    `${taken.join("; ")}. The browser tests start their own servers and never reuse one: stop whatever listens ` +
      "there, or choose other ports with E2E_PORT, E2E_PGLITE_PORT and E2E_FAKE_MODEL_PORT.",
  );
  process.exit(1);
}
