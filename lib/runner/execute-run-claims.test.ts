import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { claimRunItems, extendLeases, getRunProgress } from "@/lib/db/queries/run-items";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { SuiteDefinition } from "@/lib/suites/types";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { cancelRun } from "./control";
import { executeRun } from "./execute-run";
import { DEFAULT_WRITE_RETRY } from "./result-writer";
import { startRun } from "./start-run";

const startServer = fakeServersPerTest();

// claimRunItems as it is, unless a test has the database refuse a claim.
vi.mock("@/lib/db/queries/run-items", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/queries/run-items")>();
  return { ...real, claimRunItems: vi.fn(real.claimRunItems), extendLeases: vi.fn(real.extendLeases) };
});
const { claimRunItems: realClaim, extendLeases: realExtend } = await vi.importActual<typeof import("@/lib/db/queries/run-items")>(
  "@/lib/db/queries/run-items",
);

const suite: SuiteDefinition = {
  id: "claims-mcq",
  name: { en: "Claims", zh: "领取" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 6 }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: "A" },
  })),
};

/** What the database answers a role that may not update run_items: SQLSTATE class 42, which no retry cures. */
const refusal = () => Object.assign(new Error("permission denied for table run_items"), { code: "42501" });
/** A database that is away: no SQLSTATE, so the claim may pass when it is asked again. */
const away = () => new Error("connection lost");

describe.each(testEngines())("a runner whose claim the database refuses, on $name", (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
  });
  afterAll(() => database?.dispose());
  afterEach(() => {
    vi.mocked(claimRunItems).mockReset();
    vi.mocked(claimRunItems).mockImplementation(realClaim);
    vi.mocked(extendLeases).mockReset();
    vi.mocked(extendLeases).mockImplementation(realExtend);
  });

  it("renews its leases while the model is slow, and stops when the run is cancelled while it waits", async () => {
    const { db } = database;
    const server = await startServer({ seed: 3 });
    const model = await createModel(db, { name: "held-answer", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 1 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: {} });
    let renewed: () => void = () => {};
    const renewal = new Promise<void>((resolve) => (renewed = resolve));
    vi.mocked(extendLeases).mockImplementation(async (...args) => {
      if (args[1].runId === run.id) renewed();
      return realExtend(...args);
    });
    server.hold();
    const outcome = executeRun({ db, runId: run.id, leaseSeconds: 1 });
    await server.whenInFlight(1);
    // The answer is held: only the runner's heartbeat can renew the lease or notice the cancel.
    await renewal;
    await cancelRun(db, run.id);
    expect(await outcome).toBe("cancelled");
    expect(server.stats().requests).toBe(1);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ done: 0, running: 0, pending: 6 });
  });

  it("ends at once with the database's error, claiming nothing more and asking nothing", async () => {
    const { db } = database;
    const server = await startServer({ seed: 3 });
    const model = await createModel(db, { name: "refused-first", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 2 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: {} });
    const refused = refusal();
    const claims = vi.mocked(claimRunItems).mock.calls.length;
    vi.mocked(claimRunItems).mockRejectedValueOnce(refused);
    await expect(executeRun({ db, runId: run.id })).rejects.toBe(refused);
    expect(vi.mocked(claimRunItems).mock.calls.length - claims).toBe(1);
    expect(server.stats().requests).toBe(0);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 6, running: 0, done: 0 });
  });

  it("stores the answers it has in flight before it gives up", async () => {
    const { db } = database;
    const server = await startServer({ seed: 3 });
    const model = await createModel(db, { name: "refused-second", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 4 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: { limit: 4 } });
    const refused = refusal();
    let told: () => void = () => {};
    const refusedNow = new Promise<void>((resolve) => (told = resolve));
    // The first claim takes all four items; the next one, made while their answers are held, is refused.
    vi.mocked(claimRunItems).mockImplementationOnce(realClaim).mockImplementationOnce(async () => {
      told();
      throw refused;
    });
    server.hold();
    const outcome = executeRun({ db, runId: run.id });
    outcome.catch(() => {});
    await refusedNow;
    await server.whenInFlight(4);
    server.release();
    await expect(outcome).rejects.toBe(refused);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ done: 4, pending: 0, running: 0 });
    expect(server.stats().requests).toBe(4);
  });

  it("waits for a database that is away and finishes the run once it is back", async () => {
    const { db } = database;
    const server = await startServer({ seed: 3 });
    const model = await createModel(db, { name: "away-once", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 2 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: {} });
    vi.mocked(claimRunItems).mockRejectedValueOnce(away());
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    expect(server.stats().requests).toBe(6);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ done: 6, pending: 0, running: 0 });
  });

  it("gives up on a database away for longer than its write-retry limit, with the database's error", async () => {
    const { db } = database;
    const server = await startServer({ seed: 3 });
    const model = await createModel(db, { name: "away-long", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 2 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: {} });
    const errors = [away(), away(), away()];
    const claims = vi.mocked(claimRunItems).mock.calls.length;
    for (const error of errors) vi.mocked(claimRunItems).mockRejectedValueOnce(error);
    // A failed claim is asked again half a second later: by then the 100 ms the runner may wait have passed.
    await expect(executeRun({ db, runId: run.id, writeRetry: { ...DEFAULT_WRITE_RETRY, giveUpAfterMs: 100 } })).rejects.toBe(errors[1]);
    expect(vi.mocked(claimRunItems).mock.calls.length - claims).toBe(2);
    expect(server.stats().requests).toBe(0);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 6, running: 0 });
  });
});
