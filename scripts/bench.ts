// `npm run bench`: harness throughput and CPU against bare node:http and fetch clients, on a fake server in its own process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchCliStartup } from "./cli/bench-startup";
import { benchCompare } from "./cli/bench-compare";
import { benchContamination, benchContaminationThread } from "./cli/bench-contamination";
import { benchBrowser } from "./cli/bench-browser";
import { type Db, openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { saveSuite } from "@/lib/db/queries/suites";
import { env } from "@/lib/env";
import { executeRun } from "@/lib/runner/execute-run";
import type { RunSettingsInput } from "@/lib/runner/settings";
import { startRun } from "@/lib/runner/start-run";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { cpuMsSince, type Measured, peakRssBytes, runBare } from "./cli/bench-bare";
import { type BenchRow, formatBench } from "./cli/bench-report";
import { runLimitsBench } from "./cli/bench-limits";
import { benchImport } from "./cli/bench-import";
import { benchRaters } from "./cli/bench-raters";
import { runLeaderboardBench } from "./cli/bench-leaderboard";
import { profiled } from "./cli/bench-profile";
import { freePort } from "@/lib/free-port";
import { benchUnits } from "./cli/bench-units";
import { benchOnnx } from "./cli/bench-onnx";
import { runShareBench } from "./cli/bench-share";
import { spawnFakeServer, spawnUntil } from "./cli/child";

const LATENCY_MS = 50;
const SUITE = "cmmlu-medical";
const MODEL = "fake-chimed";
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The middle run's wall time and CPU, each on its own (the same items every time). */
function median(runs: Measured[]): Measured {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { items: runs[0].items, wallMs: mid(runs.map((r) => r.wallMs)), cpuMs: mid(runs.map((r) => r.cpuMs)) };
}

async function harness(db: Db, modelId: string, settings: RunSettingsInput, profile?: string) {
  const startedRun = performance.now();
  const run = await startRun(db, { modelId, suiteId: SUITE, settings });
  const startMs = performance.now() - startedRun;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await profiled(profile, () => executeRun({ db, runId: run.id }));
  const measured: Measured = { items: run.total, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
  if (outcome !== "completed") throw new Error(`bench run ${run.id} ended ${outcome}`);
  return { run, measured, peakRssBytes: peakRssBytes(), startMs };
}

/** The exact bodies the harness sent (same prompts and decoding parameters). */
async function bodiesOf(db: Db, runId: string, seed: number) {
  const rows = await listRunItemRecords(db, { runId });
  return rows.map((r) => ({ model: MODEL, messages: r.messages, max_tokens: 64, seed: seed + r.sample, stream: false }));
}

/** `--contamination` (or `--contamination-thread`) alone means its default size: give the option its empty value so parseArgs accepts it. */
function contaminationArgs(argv: string[]): string[] {
  const bare = (a: string, i: number) => (a === "--contamination" || a === "--contamination-thread") && (i === argv.length - 1 || argv[i + 1].startsWith("--"));
  return argv.flatMap((a, i) => (bare(a, i) ? [`${a}=`] : [a]));
}

const { values, positionals } = parseArgs({ options: {
    concurrency: { type: "string", default: "1,8,64,256" }, "cpu-prof": { type: "string" }, "fake-server-entry": { type: "string" },
    db: { type: "string", default: "in-process" }, repeat: { type: "string", default: "1" },
    "db-host-entry": { type: "string" }, units: { type: "boolean", default: false }, startup: { type: "string" }, limits: { type: "boolean" },
    import: { type: "string" },
    share: { type: "boolean" },
    raters: { type: "boolean" },
    "reuse-build": { type: "boolean", default: false },
    compare: { type: "boolean" },
    leaderboard: { type: "boolean" },
    browser: { type: "boolean" },
    "model-dir": { type: "string" },
    onnx: { type: "boolean" },
    contamination: { type: "string" },
    "contamination-thread": { type: "string" },
  }, strict: true, allowPositionals: true, args: contaminationArgs(process.argv.slice(2)) });
if (values.browser) {
  process.stdout.write(`${await benchBrowser(log, values["model-dir"])}\n`);
  process.exit(0);
}
if (values.onnx) {
  process.stdout.write(`${await benchOnnx(positionals[0])}\n`);
  process.exit(0);
}
if (values["contamination-thread"] !== undefined) {
  const megabytes = Number(values["contamination-thread"] || 50);
  if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > 10_000) throw new Error("--contamination-thread takes a corpus size in MB up to 10,000");
  process.stdout.write(`${await benchContaminationThread(megabytes, log)}\n`);
  process.exit(0);
}
if (values.contamination !== undefined) {
  const megabytes = Number(values.contamination || 200);
  if (!Number.isFinite(megabytes) || megabytes <= 0 || megabytes > 10_000) throw new Error("--contamination takes a corpus size in MB up to 10,000");
  process.stdout.write(`${await benchContamination(megabytes, log)}\n`);
  process.exit(0);
}
if (values.raters) {
  process.stdout.write(`${await benchRaters(log, { reuseBuild: values["reuse-build"] })}\n`);
  process.exit(0);
}
if (values.compare) {
  process.stdout.write(`${await benchCompare(log)}\n`);
  process.exit(0);
}
if (values.limits) {
  process.stdout.write(`${await runLimitsBench(log)}\n`);
  process.exit(0);
}
if (values.import !== undefined) {
  const items = Number(values.import || 200_000);
  if (!Number.isInteger(items) || items < 1 || items > 1_000_000) throw new Error("--import takes an item count up to 1,000,000");
  process.stdout.write(`${await benchImport(items)}\n`);
  process.exit(0);
}
if (values.share) {
  process.stdout.write(`${await runShareBench(log, env.DATABASE_URL)}\n`);
  process.exit(0);
}
if (values.leaderboard) {
  const server = process.env.TEST_DATABASE_URL || env.DATABASE_URL;
  if (!server) throw new Error("--leaderboard needs PostgreSQL: set TEST_DATABASE_URL (a throwaway database is created and dropped there)");
  process.stdout.write(`${await runLeaderboardBench(server, log)}\n`);
  process.exit(0);
}
if (values.units) {
  process.stdout.write(`${await benchUnits(env.DATA_DIR)}\n`);
  process.exit(0);
}
if (values.startup !== undefined) {
  const rounds = Number(values.startup);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error("--startup takes a count of later starts from 1 to 9");
  process.stdout.write(`${await benchCliStartup(rounds)}\n`);
  process.exit(0);
}
const levels = values.concurrency.split(",").map(Number);
if (levels.some((c) => !Number.isInteger(c) || c < 1 || c > 1024)) throw new Error(`--concurrency takes a list such as 1,8,64,256`);
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new Error("--repeat takes a count from 1 to 9");

const dir = mkdtempSync(path.join(tmpdir(), "chimed-bench-"));
const fake = await spawnFakeServer(["--latency", String(LATENCY_MS)], { entry: values["fake-server-entry"] });
if (values.db !== "in-process" && values.db !== "child") throw new Error("--db takes in-process or child");
const pglite = { pgliteDir: path.join(dir, "pglite"), pglitePort: await freePort() };
// "child": the embedded database is owned and served by another process, so its CPU is not the harness's.
const dbHost =
  values.db === "child" && !env.DATABASE_URL
    ? await spawnUntil(values["db-host-entry"] ?? "scripts/cli/db-host.ts", ["--dir", pglite.pgliteDir, "--port", String(pglite.pglitePort)], (l) => l === "ready")
    : null;
const database = await openSharedDatabase({ url: env.DATABASE_URL, ...pglite });
try {
  const { db } = database;
  await migrateDatabase(database);
  const cmmlu = (await loadBundledSuites({ dataDir: env.DATA_DIR })).find((s) => s.suite.id === SUITE)!;
  await saveSuite(db, { suite: cmmlu.suite, version: cmmlu.hash, bundled: true });
  const model = await createModel(db, { name: `bench ${MODEL} @ ${fake.url} (${process.pid})`, provider: "openai", baseUrl: fake.url, modelId: MODEL });
  log(`fake server ${fake.url} (own process, ${LATENCY_MS} ms), database ${database.engine}/${database.driver}${dbHost ? " served by a child process" : ""}; warming up`);
  const warm = await harness(db, model.id, { limit: 512, concurrency: 64, seed: 1 });
  await runBare({ url: `${fake.url}/chat/completions`, bodies: await bodiesOf(db, warm.run.id, 1), concurrency: 64 });

  const rows: BenchRow[] = [];
  for (const concurrency of levels) {
    const items = concurrency === 1 ? 200 : 2000;
    const profile = values["cpu-prof"] && `${values["cpu-prof"]}-c${concurrency}.cpuprofile`;
    const runs: Omit<BenchRow, "concurrency">[] = [];
    // Repetitions alternate the three clients, so a slow spell of a shared machine hits them alike.
    for (let round = 0; round < repeat; round++) {
      const seed = 100 + concurrency + 1000 * round;
      const h = await harness(db, model.id, { limit: items, concurrency, seed }, round === 0 ? profile : undefined);
      const bodies = await bodiesOf(db, h.run.id, seed);
      const bare = await runBare({ url: `${fake.url}/chat/completions`, bodies, concurrency });
      const fetchBare = await runBare({ url: `${fake.url}/chat/completions`, bodies, concurrency, client: "fetch" });
      runs.push({ harness: h.measured, bare, fetchBare, peakRssBytes: h.peakRssBytes });
      log(`C=${concurrency}: harness ${(items / (h.measured.wallMs / 1000)).toFixed(1)} items/s, bare ${(items / (bare.wallMs / 1000)).toFixed(1)} items/s`);
    }
    rows.push({
      concurrency,
      harness: median(runs.map((r) => r.harness)),
      bare: median(runs.map((r) => r.bare)),
      fetchBare: median(runs.map((r) => r.fetchBare)),
      peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    });
  }
  // The highest level again with the same settings: every answer now comes from response_cache.
  const top = Math.max(...levels);
  const again = await harness(db, model.id, { limit: top === 1 ? 200 : 2000, concurrency: top, seed: 100 + top });
  const progress = await getRunProgress(db, { runId: again.run.id });
  const cached = { items: progress.total, fromCache: progress.cached, startMs: again.startMs, executeMs: again.measured.wallMs };
  process.stdout.write(`${formatBench(rows, cached, { latencyMs: LATENCY_MS })}\n`);
} finally {
  await database.close();
  await fake.close();
  await dbHost?.close();
  rmSync(dir, { recursive: true, force: true });
}
