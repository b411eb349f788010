import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { claimRunItems, getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { NUL_STANDIN, REPLACEMENT } from "@/lib/db/safe-text";
import { startTcpProxy } from "@/lib/db/tcp-proxy";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { createResultWriter } from "./result-writer";
import { startRun } from "./start-run";

const fastRetry = { firstDelayMs: 20, maxDelayMs: 200, giveUpAfterMs: 60_000, stopGraceMs: 500 };
let cmmlu: Awaited<ReturnType<typeof loadBundledSuites>>[number];

beforeAll(async () => {
  [cmmlu] = (await loadBundledSuites()).filter((b) => b.suite.id === "cmmlu-medical");
});

describe.each(testEngines())("results that are hard to store, on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite: cmmlu.suite, version: cmmlu.hash, bundled: true });
    fake = await startFakeOpenAI({ seed: 3 });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  const newRun = async (db: TestDatabase["db"], name: string, baseUrl: string, limit: number) => {
    const model = await createModel(db, { name, provider: "openai", baseUrl, modelId: "fake-chimed", concurrency: 8 });
    return startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit } });
  };

  it("stores answers holding NUL and lone surrogates visibly, asking the model once per item", async () => {
    const { db } = database;
    const hostile = await startFakeOpenAI({ seed: 3, hostile: { rate: 1, kinds: ["nul", "surrogate"] } });
    try {
      const run = await newRun(db, "nul-and-surrogates", hostile.url, 40);
      expect(await executeRun({ db, runId: run.id })).toBe("completed");
      const rows = await listRunItemRecords(db, { runId: run.id });
      expect(rows.map((r) => r.status)).toEqual(rows.map(() => "done"));
      const raw = rows.map((r) => r.rawResponse!);
      expect(raw.filter((t) => t.includes(NUL_STANDIN)).length).toBe(hostile.stats().byKind.nul);
      expect(raw.filter((t) => t.includes(REPLACEMENT)).length).toBe(hostile.stats().byKind.surrogate);
      expect(hostile.stats()).toMatchObject({ requests: 40, distinctRequests: 40, maxCallsPerRequest: 1 });
    } finally {
      await hostile.close();
    }
  });

  it("completes a run against a hostile server: every item scored or explained, none asked twice", async () => {
    const { db } = database;
    const hostile = await startFakeOpenAI({ seed: 4, hostile: { rate: 0.6, hugeBytes: 400 * 1024 * 1024 } });
    try {
      const run = await newRun(db, "hostile", hostile.url, 30);
      expect(await executeRun({ db, runId: run.id, maxAnswerBytes: 1024 * 1024 })).toBe("completed");
      const rows = await listRunItemRecords(db, { runId: run.id });
      const errors = rows.filter((r) => r.status === "error");
      expect(errors.map((r) => r.error)).toEqual(errors.map(() => "answer larger than 1 MB after 1 attempt"));
      expect(errors.length).toBe(hostile.stats().byKind.huge);
      expect(errors.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.status === "done").every((r) => r.outcome !== null)).toBe(true);
      expect(hostile.stats()).toMatchObject({ requests: 30, maxCallsPerRequest: 1 });
    } finally {
      await hostile.close();
    }
  });

  it("ends a row the database refuses as an error with the reason and stores the rest of its batch", async () => {
    const { db } = database;
    const run = await newRun(db, "refused-row", fake.url, 3);
    await setRunStatus(db, { id: run.id, status: "running" });
    const claimed = await claimRunItems(db, { runId: run.id, owner: "w", limit: 3, leaseSeconds: 60 });
    const writer = createResultWriter({ db, owner: "w", flushRows: 100, retry: fastRetry });
    for (const [i, c] of claimed.entries()) {
      writer.add(
        {
          id: c.id,
          status: "done",
          messages: [],
          rawResponse: `answer ${i}`,
          parsed: { letter: "A" },
          outcome: "parsed",
          scores: { correct: 1 },
          // An int column cannot hold 2^31: the database refuses this row whatever the retries.
          latencyMs: i === 1 ? 2 ** 31 : 5,
          promptTokens: 1,
          completionTokens: 1,
          cached: false,
          error: null,
        },
        { key: `k${i}`, response: { text: `answer ${i}` } },
      );
    }
    await writer.close();
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows.map((r) => r.status)).toEqual(["done", "error", "done"]);
    expect(rows[1].error).toMatch(/^the answer could not be stored \(.*out of range.*\); it began: answer 1$/);
  });

  it.runIf(engine.name !== "pglite")(
    "keeps finished answers through a database outage and writes them when it returns, asking no item twice",
    async () => {
      const proxy = await startTcpProxy(database.wireUrl!);
      const client = database.connect!(proxy.url);
      try {
        const run = await newRun(client.db, "outage", fake.url, 8);
        fake.resetStats();
        fake.hold();
        let retries = 0;
        const outcome = executeRun({
          db: client.db,
          runId: run.id,
          writeRetry: fastRetry,
          onWriteRetry: () => {
            // The database comes back once the writer has seen it gone.
            if (++retries === 3) proxy.restore();
          },
        });
        await vi.waitFor(() => expect(fake.stats().held).toBe(8), { timeout: 10_000 });
        proxy.cut();
        fake.release();
        expect(await outcome).toBe("completed");
        expect(retries).toBeGreaterThanOrEqual(3);
        expect(await getRunProgress(database.db, { runId: run.id })).toMatchObject({ done: 8, errors: 0, total: 8 });
        expect(fake.stats()).toMatchObject({ requests: 8, maxCallsPerRequest: 1 });
      } finally {
        await client.close().catch(() => {});
        await proxy.close();
      }
    },
  );
});
