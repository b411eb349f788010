import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { getCachedResponses } from "@/lib/db/queries/response-cache";
import { createModel } from "@/lib/db/queries/models";
import { claimRunItems, getRunProgress, type ItemResult, listRunItemRecords } from "@/lib/db/queries/run-items";
import { setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { NUL_STANDIN, REPLACEMENT } from "@/lib/db/safe-text";
import { startTcpProxy } from "@/lib/db/tcp-proxy";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { createResultWriter } from "./result-writer";
import { startRun } from "./start-run";

const startServer = fakeServersPerTest();

// The writer's backoff sleeps pass through unless a test records them instead (then they return at once).
vi.mock("node:timers/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:timers/promises")>();
  return { ...real, setTimeout: vi.fn(real.setTimeout) };
});

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
    const hostile = await startServer({ seed: 3, hostile: { rate: 1, kinds: ["nul", "surrogate"] } });
    const run = await newRun(db, "nul-and-surrogates", hostile.url, 40);
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => "done"));
    const raw = rows.map((r) => r.rawResponse!);
    expect(raw.filter((t) => t.includes(NUL_STANDIN)).length).toBe(hostile.stats().byKind.nul);
    expect(raw.filter((t) => t.includes(REPLACEMENT)).length).toBe(hostile.stats().byKind.surrogate);
    expect(hostile.stats()).toMatchObject({ requests: 40, distinctRequests: 40, maxCallsPerRequest: 1 });
  });

  it("completes a run against a hostile server: every item scored or explained, none asked twice", async () => {
    const { db } = database;
    const hostile = await startServer({ seed: 4, hostile: { rate: 0.6, hugeBytes: 400 * 1024 * 1024 } });
    const run = await newRun(db, "hostile", hostile.url, 30);
    expect(await executeRun({ db, runId: run.id, maxAnswerBytes: 1024 * 1024 })).toBe("completed");
    const rows = await listRunItemRecords(db, { runId: run.id });
    const errors = rows.filter((r) => r.status === "error");
    expect(errors.map((r) => r.error)).toEqual(errors.map(() => "answer larger than 1 MB after 1 attempt"));
    expect(errors.length).toBe(hostile.stats().byKind.huge);
    expect(errors.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === "done").every((r) => r.outcome !== null)).toBe(true);
    expect(hostile.stats()).toMatchObject({ requests: 30, maxCallsPerRequest: 1 });
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

  /** A running run of `n` items, claimed by owner "w". */
  const claimedRun = async (name: string, n: number) => {
    const run = await newRun(database.db, name, fake.url, n);
    await setRunStatus(database.db, { id: run.id, status: "running" });
    return { run, claimed: await claimRunItems(database.db, { runId: run.id, owner: "w", limit: n, leaseSeconds: 60 }) };
  };
  const answer = (id: number, rawResponse: string | null, latencyMs = 5): ItemResult => ({
    id,
    status: "done",
    messages: [{ role: "user", content: "问" }],
    rawResponse,
    parsed: { letter: "A" },
    outcome: "parsed",
    scores: { correct: 1 },
    latencyMs,
    promptTokens: 1,
    completionTokens: 1,
    cached: false,
    error: null,
  });
  /** The database, with its next `failures` statements failing as a lost connection would (no SQLSTATE). */
  const flaky = (failures: number, lost = new Error("connection lost")): Db =>
    new Proxy(database.db, {
      get: (target, prop, receiver) =>
        prop === "execute" && failures > 0
          ? () => {
              failures--;
              return Promise.reject(lost);
            }
          : Reflect.get(target, prop, receiver),
    });

  afterEach(() => {
    vi.mocked(sleep).mockReset();
    vi.restoreAllMocks();
  });

  it("retries a write the database could not take, doubling the wait up to its cap, stalled meanwhile", async () => {
    const { run, claimed } = await claimedRun("retried", 1);
    const waits: [unknown, boolean][] = [];
    const attempts: number[] = [];
    const progress: number[] = [];
    const writer = createResultWriter({
      db: flaky(4),
      owner: "w",
      flushRows: 1,
      retry: { firstDelayMs: 20, maxDelayMs: 100, giveUpAfterMs: 60_000, stopGraceMs: 0 },
      onRetry: (_, attempt) => attempts.push(attempt),
      onProgress: ({ written }) => progress.push(written),
    });
    vi.mocked(sleep).mockImplementation((async (ms: unknown) => {
      waits.push([ms, writer.stalled]);
    }) as typeof sleep);
    expect(writer.stalled).toBe(false);
    writer.add(answer(claimed[0].id, "B"), null);
    await writer.close();
    expect(waits).toEqual([
      [20, true],
      [40, true],
      [80, true],
      [100, true],
    ]);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(writer.stalled).toBe(false);
    expect(progress).toEqual([1]);
    expect((await listRunItemRecords(database.db, { runId: run.id })).map((r) => [r.status, r.rawResponse])).toEqual([["done", "B"]]);
  });

  it("retries without an onRetry listener", async () => {
    const { run, claimed } = await claimedRun("retried-quietly", 1);
    vi.mocked(sleep).mockImplementation((async () => {}) as typeof sleep);
    const writer = createResultWriter({ db: flaky(2), owner: "w", flushRows: 1, retry: { firstDelayMs: 1, maxDelayMs: 1, giveUpAfterMs: 60_000, stopGraceMs: 0 } });
    writer.add(answer(claimed[0].id, "C"), null);
    await writer.close();
    expect((await listRunItemRecords(database.db, { runId: run.id })).map((r) => [r.status, r.rawResponse])).toEqual([["done", "C"]]);
  });

  it("gives a failing write up at once past its limit, or past the grace once stopped, and close throws its error", async () => {
    const { run, claimed } = await claimedRun("given-up", 2);
    const lost = new Error("connection lost");
    vi.mocked(sleep).mockImplementation((async () => {}) as typeof sleep);
    const attempts: number[] = [];
    const patient = { firstDelayMs: 1, maxDelayMs: 1, giveUpAfterMs: 60_000, stopGraceMs: 0 };
    const hopeless = createResultWriter({ db: flaky(1, lost), owner: "w", flushRows: 1, retry: { ...patient, giveUpAfterMs: 0 }, onRetry: (_, a) => attempts.push(a) });
    hopeless.add(answer(claimed[0].id, "A"), null);
    await expect(hopeless.close()).rejects.toBe(lost);
    const stopping = createResultWriter({ db: flaky(1, lost), owner: "w", flushRows: 1, retry: patient, signal: AbortSignal.abort(), onRetry: (_, a) => attempts.push(a) });
    stopping.add(answer(claimed[1].id, "A"), null);
    await expect(stopping.close()).rejects.toBe(lost);
    expect(attempts).toEqual([]);
    expect((await listRunItemRecords(database.db, { runId: run.id })).map((r) => r.status)).toEqual(["running", "running"]);
  });

  it("writes once flushRows answers are held, else when its timer fires, and counts what it wrote", async () => {
    const { run, claimed } = await claimedRun("batched", 3);
    const progress = new Map<number, () => void>();
    const written = (n: number) => new Promise<void>((resolve) => progress.set(n, resolve));
    const writer = createResultWriter({ db: database.db, owner: "w", flushRows: 2, onProgress: ({ written: n }) => progress.get(n)?.() });
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    const clearTimer = vi.spyOn(globalThis, "clearTimeout");
    let fire: () => void = () => {};
    // The writer's flush timer is taken by the test, which fires it by hand.
    const takeTimer = () =>
      setTimer.mockImplementationOnce(((callback: () => void) => {
        fire = callback;
        return globalThis.setInterval(() => {}, 3_600_000);
      }) as unknown as typeof globalThis.setTimeout);

    const two = written(2);
    takeTimer();
    writer.add(answer(claimed[0].id, "A"), null);
    const firstTimer = setTimer.mock.results[0].value as NodeJS.Timeout;
    expect(setTimer.mock.calls[0][1]).toBe(1000);
    writer.add(answer(claimed[1].id, "B"), null);
    await two;
    expect(clearTimer).toHaveBeenCalledWith(firstTimer);
    clearInterval(firstTimer);

    const three = written(3);
    takeTimer();
    writer.add(answer(claimed[2].id, "C"), null);
    const secondTimer = setTimer.mock.results.at(-1)!.value as NodeJS.Timeout;
    fire();
    await three;
    clearInterval(secondTimer);
    await writer.close();
    expect((await listRunItemRecords(database.db, { runId: run.id })).map((r) => r.rawResponse)).toEqual(["A", "B", "C"]);
  });

  it("ends refused rows as errors quoting at most 200 characters of the answer, and clears every other value", async () => {
    const { run, claimed } = await claimedRun("refused-long", 3);
    const writer = createResultWriter({ db: database.db, owner: "w", flushRows: 100, retry: fastRetry });
    const long = "长".repeat(250);
    const exact = "好".repeat(200);
    // An int column cannot hold 2^31: the database refuses each of these rows whatever the retries.
    writer.add(answer(claimed[0].id, long, 2 ** 31), null);
    writer.add(answer(claimed[1].id, exact, 2 ** 31), null);
    writer.add(answer(claimed[2].id, null, 2 ** 31), null);
    await writer.close();
    const rows = await listRunItemRecords(database.db, { runId: run.id });
    expect(rows.map((r) => [r.status, r.rawResponse, r.parsed, r.outcome, r.scores, r.messages])).toEqual(rows.map(() => ["error", null, null, null, null, null]));
    expect(rows[0].error).toMatch(new RegExp(`^the answer could not be stored \\(.*out of range.*\\); it began: ${"长".repeat(200)}…$`));
    expect(rows[1].error).toMatch(new RegExp(`; it began: ${exact}$`));
    expect(rows[2].error).toMatch(/^the answer could not be stored \(.*out of range.*\)$/);
  });

  it("drops a cache entry the database refuses and stores its row and the other entries", async () => {
    const { run, claimed } = await claimedRun("refused-entry", 2);
    const writer = createResultWriter({ db: database.db, owner: "w", flushRows: 100, retry: fastRetry });
    // Far beyond what a btree index entry may hold (a program limit, SQLSTATE 54000), and not compressible.
    const hugeKey = Array.from({ length: 12_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join("");
    writer.add(answer(claimed[0].id, "A"), { key: hugeKey, response: { text: "A" } });
    writer.add(answer(claimed[1].id, "B"), { key: `entry-${run.id}`, response: { text: "B" } });
    await writer.close();
    expect((await listRunItemRecords(database.db, { runId: run.id })).map((r) => [r.status, r.rawResponse])).toEqual([
      ["done", "A"],
      ["done", "B"],
    ]);
    const cached = await getCachedResponses(database.db, { keys: [hugeKey, `entry-${run.id}`] });
    expect([...cached.keys()]).toEqual([`entry-${run.id}`]);
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
