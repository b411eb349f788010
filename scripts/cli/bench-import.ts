// `npm run bench -- --import [items]`: does a large upload hold up other users? A child process asks this
// process's HTTP server for a health answer every 20 ms while the import runs; the slowest answer is how long
// the event loop was blocked. The same file is also parsed in place (the old way) for comparison.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { freePort } from "@/lib/free-port";
import { parseUpload } from "@/lib/suites/importers/off-thread";
import { importUpload } from "@/lib/suite-store/upload";

const POLLER = `
const url = process.argv[1]; const times = []; let stop = false;
process.stdin.on("data", () => { stop = true; }); process.stdin.resume();
(async () => {
  while (!stop) {
    const t = performance.now(); await fetch(url).then((r) => r.text()); times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify(times)); process.exit(0);
})();`;

function mcqFile(items: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < items; i++) {
    lines.push(JSON.stringify({ id: `q${i}`, question: `下列哪项是高血压的常见并发症？（第 ${i} 题）`, A: "脑卒中", B: "骨折", C: "近视", D: "龋齿", answer: "A", subject: `内科${i % 10}` }));
  }
  return new TextEncoder().encode(lines.join("\n"));
}

/** Answer times (ms) of a health endpoint in this process, asked from another process while `work` runs. */
async function whileAnswering(work: () => Promise<unknown>) {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  const poller = spawn(process.execPath, ["-e", POLLER, url], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  poller.stdout.on("data", (chunk) => (out += chunk));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  poller.stdin.end("stop");
  await new Promise((resolve) => poller.once("exit", resolve));
  server.close();
  const times = (JSON.parse(out) as number[]).sort((a, b) => a - b);
  return { ms, answers: times.length, p99: times[Math.floor(times.length * 0.99)] ?? 0, max: times.at(-1) ?? 0 };
}

const line = (what: string, r: Awaited<ReturnType<typeof whileAnswering>>) =>
  `  ${what.padEnd(38)} ${(r.ms / 1000).toFixed(1).padStart(6)} s   health answers ${String(r.answers).padStart(4)}, p99 ${r.p99.toFixed(0).padStart(5)} ms, slowest ${r.max.toFixed(0).padStart(5)} ms`;

export async function benchImport(items: number): Promise<string> {
  const bytes = mcqFile(items);
  const file = { fileName: "bench.jsonl", bytes, taskKind: "mcq" as const };
  const dir = mkdtempSync(path.join(tmpdir(), "chimed-bench-import-"));
  const database = await openSharedDatabase({ pgliteDir: path.join(dir, "pglite"), pglitePort: await freePort() });
  try {
    await migrateDatabase(database);
    // Warm the parser thread (it compiles the parsers once per process), as a running app's would be.
    await parseUpload({ mode: "inspect", request: { fileName: "warm.jsonl", bytes: mcqFile(10) } }, { offThreadBytes: 0 });
    const inPlace = await whileAnswering(() => parseUpload({ mode: "import", request: { ...file, id: "bench-a", name: "a" } }, { offThreadBytes: Infinity }));
    const offThread = await whileAnswering(() => parseUpload({ mode: "import", request: { ...file, id: "bench-b", name: "b" } }, { offThreadBytes: 0 }));
    const whole = await whileAnswering(() => importUpload(database.db, { ...file, id: "bench-c", name: "c" }));
    return [
      `Import of a ${items.toLocaleString("en-US")}-item JSONL file (${(bytes.byteLength / 2 ** 20).toFixed(1)} MB), embedded database; health asked every 20 ms from another process:`,
      line("parse in place (before)", inPlace),
      line("parse on the parser thread", offThread),
      line("whole import (parse + store)", whole),
    ].join("\n");
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
