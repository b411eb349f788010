import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { countLeasedItems } from "@/lib/db/queries/leases";
import { createModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { startRun } from "@/lib/runner/start-run";
import { seedBundledData } from "@/lib/suite-store/seed";
import type { ChatMessage, McqGold } from "@/lib/suites/types";
import { fakeMcqChoice } from "@/scripts/fake-openai/answers";
import { fakeDocumentTotals } from "@/scripts/fake-openai/prompt-logprobs";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { freePort } from "@/lib/free-port";
import { spawnTs } from "./cli/child";
import { watchChild, waitFor } from "./cli/process-output";
import { copyPgliteDirTemplate } from "@/lib/db/test-templates";

const SEED = 7;
// Safety nets only, never what a test measures: a CLI start takes 10–20 s alone and minutes on a crowded machine.
const PROCESS_MS = 240_000;
const TEST_MS = 300_000;
const RUN_LINE = /^run ([0-9a-f-]{36})$/m;
let dir: string;
let childEnv: NodeJS.ProcessEnv;
let target: { pgliteDir: string; pglitePort: number };
let database: Database | undefined;
const fakes: FakeOpenAI[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chimed-cli-test-"));
  target = { pgliteDir: path.join(dir, "pglite"), pglitePort: await freePort() };
  await copyPgliteDirTemplate(target.pgliteDir);
  // DATABASE_URL "" forces the embedded database whatever the developer's shell has.
  childEnv = { ...process.env, PGLITE_DIR: target.pgliteDir, PGLITE_PORT: String(target.pglitePort), DATABASE_URL: "" };
});
afterAll(async () => {
  await database?.close();
  await Promise.all(fakes.map((f) => f.close()));
  rmSync(dir, { recursive: true, force: true });
});

const cli = (file: string, args: string[], timeoutMs = PROCESS_MS) => {
  const child = spawnTs(file, args, { env: childEnv });
  return { child, ...watchChild(child, { timeoutMs }) };
};
const fake = async (latencyMs = 0) => {
  const server = await startFakeOpenAI({ seed: SEED, latencyMs });
  fakes.push(server);
  return server;
};
/** The database the CLI processes use, migrated and seeded here so that no test depends on another having run. */
const db = async (): Promise<Db> => {
  if (!database) {
    const opened = await openSharedDatabase(target);
    await migrateDatabase(opened);
    await seedBundledData(opened.db);
    database = opened;
  }
  return database.db;
};

/** Accuracy computed apart from the harness: the fake server's own choice over what was sent, against gold. */
async function expectedAccuracy(runId: string) {
  const rows = await listRunItemRecords(await db(), { runId });
  const letters = rows.map((r) => fakeMcqChoice(r.messages as ChatMessage[], SEED)!.letter);
  const correct = letters.filter((l, i) => l !== null && l === (rows[i].gold as McqGold).answer).length;
  return { rows, accuracy: correct / rows.length, unparsed: letters.filter((l) => l === null).length };
}

describe("npm run eval", () => {
  it("exits 1 on an unknown suite and names the valid ones (on a fresh database)", async () => {
    const { exited } = cli("scripts/eval.ts", ["--suite", "no-such-suite", "--baseline", "majority"]);
    const result = await exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown suite "no-such-suite"; valid suites: .*cmmlu-medical/);
    expect(result.stdout).toBe("");
  }, TEST_MS);

  it("prints the run id, then one JSON line whose accuracy matches the fake server's answers", async () => {
    const server = await fake();
    const args = ["--suite", "cmmlu-medical", "--base-url", server.url, "--model", "fake-chimed", "--limit", "200", "--concurrency", "8", "--json"];
    const result = await cli("scripts/eval.ts", args).exited;
    expect(result.code, result.stderr).toBe(0);
    const runId = RUN_LINE.exec(result.stderr)?.[1];
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]);
    expect(json.runId).toBe(runId);
    const { rows, accuracy, unparsed } = await expectedAccuracy(json.runId);
    expect(rows).toHaveLength(200);
    expect(json).toMatchObject({ suite: "cmmlu-medical", items: 200, errors: 0, unparsed, scored: 200 - unparsed });
    expect(json.model).toBe(`fake-chimed @ ${new URL(server.url).host}`);
    expect(json.metrics.accuracy).toBeCloseTo(accuracy, 12);
    expect(json.ci.accuracy[0]).toBeLessThanOrEqual(accuracy);
    // CMMLU repeats a question (anatomy 79 and 100): the second may come from the response cache.
    const { cached } = await getRunProgress(await db(), { runId: json.runId });
    expect(server.stats().requests + cached).toBe(200);
  }, TEST_MS);

  it("reports bits_per_char, bits_per_byte and token_perplexity of medical-text-ppl as the fake server's function gives them", async () => {
    const server = await fake();
    // One window per document (context above the longest), so each document is tokenized whole, as below.
    const args = ["--suite", "medical-text-ppl", "--base-url", server.url, "--model", "fake-chimed", "--limit", "6", "--context", "5000", "--stride", "5000", "--json"];
    const result = await cli("scripts/eval.ts", args).exited;
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout.trim());
    expect(json).toMatchObject({ suite: "medical-text-ppl", items: 6, errors: 0 });
    const rows = await listRunItemRecords(await db(), { runId: json.runId });
    const docs = rows.map((row) => fakeDocumentTotals(SEED, (row.messages as ChatMessage[])[0].content));
    const [nats, chars, bytes, tokens] = (["nats", "chars", "bytes", "tokens"] as const).map((k) => docs.reduce((s, d) => s + d[k], 0));
    expect(json.metrics.bits_per_char).toBeCloseTo(nats / Math.LN2 / chars, 9);
    expect(json.metrics.bits_per_byte).toBeCloseTo(nats / Math.LN2 / bytes, 9);
    expect(json.metrics.token_perplexity).toBeCloseTo(Math.exp(nats / tokens), 9);
    expect(Object.keys(json.ci).sort()).toEqual(["bits_per_byte", "bits_per_char", "token_perplexity"]);
  }, TEST_MS);

  it("resumes a run whose CLI was killed with SIGKILL, with every item done exactly once", async () => {
    const server = await fake();
    const limit = 150;
    // Answers stop after 40, so the run cannot finish before the kill however fast or slow the machine is.
    server.hold({ after: 40 });
    const args = ["--suite", "cmmlu-medical", "--base-url", server.url, "--model", "fake-chimed", "--limit", String(limit), "--concurrency", "4"];
    const first = cli("scripts/eval.ts", args);
    await waitFor(() => RUN_LINE.test(first.out.stderr), { timeoutMs: PROCESS_MS });
    const runId = RUN_LINE.exec(first.out.stderr)![1];
    await waitFor(async () => (await getRunProgress(await db(), { runId })).done >= 20, { timeoutMs: PROCESS_MS });
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const leasedAtKill = await countLeasedItems(await db(), { runId });
    const doneAtKill = (await getRunProgress(await db(), { runId })).done;
    const requestsAtKill = server.stats().requests;
    expect(doneAtKill).toBeLessThan(limit);
    server.release();

    const resumed = await cli("scripts/eval.ts", ["--resume", runId, "--json"]).exited;
    expect(resumed.code, resumed.stderr).toBe(0);
    const json = JSON.parse(resumed.stdout.trim());
    const { rows, accuracy, unparsed } = await expectedAccuracy(runId);
    expect(rows).toHaveLength(limit);
    expect(rows.every((r) => r.status === "done")).toBe(true);
    expect(new Set(rows.map((r) => `${r.itemId}:${r.sample}`)).size).toBe(limit);
    // Only what the killed process had leased is asked twice; a write it sent just before dying may still land,
    // so the resumed process asks for at most what was not done at the kill.
    const requests = server.stats().requests;
    expect(requests + (await getRunProgress(await db(), { runId })).cached).toBeGreaterThanOrEqual(limit);
    expect(requests).toBeLessThanOrEqual(limit + leasedAtKill);
    expect(requests - requestsAtKill).toBeLessThanOrEqual(limit - doneAtKill);
    expect(json).toMatchObject({ runId, items: limit, errors: 0, unparsed });
    expect(json.metrics.accuracy).toBeCloseTo(accuracy, 12);
    expect((await getRun(await db(), { id: runId }))!.metrics).toEqual(json.metrics);
  }, TEST_MS);


  it("stops on SIGINT with exit 130, hands its leases back and says how to resume", async () => {
    const server = await fake();
    // Answers stop after 20: the run is still going when the signal arrives, whatever the machine's load.
    server.hold({ after: 20 });
    const args = ["--suite", "cmmlu-medical", "--base-url", server.url, "--model", "fake-chimed", "--limit", "100", "--seed", "5"];
    const run = cli("scripts/eval.ts", args);
    await waitFor(() => RUN_LINE.test(run.out.stderr), { timeoutMs: PROCESS_MS });
    const runId = RUN_LINE.exec(run.out.stderr)![1];
    await waitFor(async () => (await getRunProgress(await db(), { runId })).done >= 10, { timeoutMs: PROCESS_MS });
    run.child.kill("SIGINT");
    const result = await run.exited;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`npm run eval -- --resume ${runId}`);
    expect(await countLeasedItems(await db(), { runId })).toBe(0);
    expect((await getRun(await db(), { id: runId }))!.status).toBe("cancelled");
  }, TEST_MS);
});

describe("npm run worker -- --once", () => {
  it("processes a run created with startRun, then exits", async () => {
    const server = await fake();
    const model = await createModel(await db(), { name: "worker test", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const run = await startRun(await db(), { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 60, seed: 99 } });
    const result = await cli("scripts/worker.ts", ["--once"]).exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`run ${run.id} completed`);
    const finished = (await getRun(await db(), { id: run.id }))!;
    expect(finished.status).toBe("completed");
    expect(finished.metrics?.accuracy).toBeTypeOf("number");
    expect(server.stats().requests + (await getRunProgress(await db(), { runId: run.id })).cached).toBe(60);
  }, TEST_MS);
});

/** Starts `start` while run_items is share-locked, and lifts the lock once `count` backends wait on it. */
async function behindClaimBarrier<T>(url: string, count: number, start: () => T): Promise<T> {
  const barrier = postgres(url, { max: 1, onnotice: () => {} });
  let started: T | undefined;
  try {
    await barrier.begin(async (tx) => {
      await tx`lock table run_items in share mode`;
      started = start();
      await waitFor(
        async () => {
          // A transaction sees one snapshot of pg_stat_activity unless it clears it.
          await tx`select pg_stat_clear_snapshot()`;
          const [{ waiting }] = await tx<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))`;
          return waiting >= count;
        },
        { timeoutMs: PROCESS_MS },
      );
    });
    return started!;
  } finally {
    await barrier.end({ timeout: 5 });
  }
}

// Two worker processes on one run: on PostgreSQL their claims race for real (separate connections), so an item
// handed out twice shows up as a second call for its prompt at the fake server.
describe.each(testEngines({ only: ["pglite-wire", "postgres"] }))("two npm run worker processes on $name", (engine) => {
  let shared: TestDatabase | undefined;
  afterAll(async () => {
    await shared?.dispose();
  });

  it("share a run without asking the server twice for any item", async () => {
    let workerDb: Db;
    let env = childEnv;
    if (engine.name === "postgres") {
      shared = await engine.open();
      await seedBundledData(shared.db);
      workerDb = shared.db;
      env = { ...childEnv, DATABASE_URL: shared.url };
    } else {
      workerDb = await db();
    }
    const server = await fake();
    const model = await createModel(workerDb, { name: `two workers ${engine.name}`, provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const run = await startRun(workerDb, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 300, seed: 41, concurrency: 4 } });
    // Nothing is answered until both workers have their 4 requests in flight: they work on the run at once.
    server.hold();
    const spawnWorkers = () =>
      [0, 1].map(() => watchChild(spawnTs("scripts/worker.ts", ["--once"], { env }), { timeoutMs: PROCESS_MS }).exited);
    // On PostgreSQL their first claims also start together: a share lock on run_items stops each worker at its
    // first claim (the first write to that table) until both wait there.
    const workers = shared ? await behindClaimBarrier(shared.url!, 2, spawnWorkers) : spawnWorkers();
    await server.whenInFlight(8);
    server.release();
    for (const result of await Promise.all(workers)) expect(result.code, result.stderr).toBe(0);

    const rows = await listRunItemRecords(workerDb, { runId: run.id });
    expect(rows).toHaveLength(300);
    expect(rows.every((r) => r.status === "done")).toBe(true);
    expect(new Set(rows.map((r) => r.leaseOwner)).size).toBe(2);
    // Items with the same prompt (CMMLU repeats a question) may share one call through the cache, never more.
    const sharing = new Map<string, number>();
    for (const r of rows) sharing.set(JSON.stringify(r.messages), (sharing.get(JSON.stringify(r.messages)) ?? 0) + 1);
    for (const [messages, items] of sharing) {
      const calls = server.callsFor(JSON.parse(messages) as ChatMessage[]);
      expect(calls, messages.slice(0, 80)).toBeGreaterThanOrEqual(1);
      expect(calls, messages.slice(0, 80)).toBeLessThanOrEqual(items);
    }
    expect(server.stats().requests + (await getRunProgress(workerDb, { runId: run.id })).cached).toBe(300);
  }, TEST_MS);
});
