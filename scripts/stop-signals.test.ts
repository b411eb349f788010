import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openSharedDatabase } from "@/lib/db/client";
import { countLeasedItems } from "@/lib/db/queries/leases";
import { createModel } from "@/lib/db/queries/models";
import { getRun } from "@/lib/db/queries/runs";
import { startTcpProxy, type TcpProxy } from "@/lib/db/tcp-proxy";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { freePort } from "@/lib/free-port";
import { startRun } from "@/lib/runner/start-run";
import { seedBundledData } from "@/lib/suite-store/seed";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { spawnTs } from "./cli/child";
import { waitFor, watchChild } from "./cli/process-output";
import { copyPgliteDirTemplate } from "@/lib/db/test-templates";

const RUN_LINE = /^run ([0-9a-f-]{36})$/m;
const evalArgs = (url: string) => ["--suite", "cmmlu-medical", "--base-url", url, "--model", "fake-chimed", "--limit", "40", "--concurrency", "4"];

// Every fake server holds its answers: a run cannot finish before the signal, whatever the machine's speed.
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ seed: 2 });
  fake.hold();
});
afterAll(async () => {
  fake.release();
  await fake.close();
});

describe("stopping npm run eval on the embedded database", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let database: Database | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "chimed-stop-test-"));
    env = { ...process.env, PGLITE_DIR: path.join(dir, "pglite"), PGLITE_PORT: String(await freePort()), DATABASE_URL: "" };
    await copyPgliteDirTemplate(path.join(dir, "pglite"));
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stops on a first SIGTERM while answers are in flight: exit 143, leases handed back, run cancelled", async () => {
    const child = spawnTs("scripts/eval.ts", evalArgs(fake.url), { env });
    const run = watchChild(child, { timeoutMs: 90_000 });
    await waitFor(() => RUN_LINE.test(run.out.stderr) && fake.stats().held >= 4, { timeoutMs: 80_000 });
    const runId = RUN_LINE.exec(run.out.stderr)![1];
    child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(143);
    expect(result.stderr).toContain(`--resume ${runId}`);
    database = await openSharedDatabase({ pgliteDir: env.PGLITE_DIR!, pglitePort: Number(env.PGLITE_PORT) });
    expect(await countLeasedItems(database.db, { runId })).toBe(0);
    expect((await getRun(database.db, { id: runId }))!.status).toBe("cancelled");
  }, 100_000);
});

const postgres = testEngines().find((e) => e.name === "postgres");

describe.runIf(postgres)("stopping when the database stops answering (PostgreSQL behind a proxy)", () => {
  let database: TestDatabase;
  const proxies: TcpProxy[] = [];
  beforeAll(async () => {
    database = await postgres!.open();
    await seedBundledData(database.db, { dataDir: "data" });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await database?.dispose();
  });

  /** Starts a CLI on the database through a fresh proxy, waits until it has requests in flight, then freezes the proxy. */
  async function startThenFreeze(file: string, args: string[], graceMs: number) {
    const proxy = await startTcpProxy(database.url!);
    proxies.push(proxy);
    const held = fake.stats().held;
    const child = spawnTs(file, args, { env: { ...process.env, DATABASE_URL: proxy.url, CHIMED_STOP_GRACE_MS: String(graceMs) } });
    const run = watchChild(child, { timeoutMs: 90_000 });
    await waitFor(() => fake.stats().held >= held + 4, { timeoutMs: 80_000 });
    proxy.freeze();
    return { child, run };
  }

  it("eval: a first signal quits after the grace period although handing back hangs", async () => {
    const { child, run } = await startThenFreeze("scripts/eval.ts", evalArgs(fake.url), 1500);
    child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(143);
    expect(result.stderr).toContain("still stopping after 1.5 s; quitting");
  }, 100_000);

  it("eval: a second signal quits at once", async () => {
    const { child, run } = await startThenFreeze("scripts/eval.ts", evalArgs(fake.url), 600_000);
    child.kill("SIGINT");
    await waitFor(() => run.out.stderr.includes("SIGINT: stopping"));
    child.kill("SIGINT");
    const result = await run.exited;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).not.toContain("still stopping");
  }, 100_000);

  it("worker: a first signal quits after the grace period although handing back hangs", async () => {
    const model = await createModel(database.db, { name: "stop-worker", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 4 });
    await startRun(database.db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40 } });
    const { child, run } = await startThenFreeze("scripts/worker.ts", [], 1500);
    child.kill("SIGTERM");
    const result = await run.exited;
    expect(result.code, result.stderr + result.stdout).toBe(143);
    expect(result.stdout).toContain("still stopping after 1.5 s; quitting");
  }, 100_000);
});
