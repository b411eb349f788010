import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { type TestDatabase, testEngines } from "../testing";
import { createRunningRun } from "./testing";
import { hasOwnOpenWork } from "./cli-worker";
import { createModel } from "./models";
import { claimRunItems, saveItemResults } from "./run-items";
import { finishRun, setRunStatus } from "./runs";
import { saveSuite } from "./suites";

const suite: SuiteDefinition = {
  id: "worker-suite",
  name: { en: "w", zh: "w" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: ["w0", "w1"].map((externalId) => ({ externalId, split: "test" as const, input: { question: externalId, options: { A: "a", B: "b" } }, gold: { answer: "A" } })),
};

describe.each(testEngines())("worker open-work check on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "worker-model", provider: "baseline", modelId: "majority" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const runningRun = () => createRunningRun(database.db, { modelId, suiteId: suite.id });

  it("has open work while a run it leased or wrote items of is open, and none once the run is finished", async () => {
    expect(await hasOwnOpenWork(database.db, { owner: "worker-a" })).toBe(false);
    const runId = await runningRun();
    const [first] = await claimRunItems(database.db, { runId, owner: "worker-a", limit: 1, leaseSeconds: 60 });
    expect(await hasOwnOpenWork(database.db, { owner: "worker-a" })).toBe(true);
    expect(await hasOwnOpenWork(database.db, { owner: "worker-b" })).toBe(false);
    // Written but not yet aggregated: still its work.
    await saveItemResults(database.db, {
      owner: "worker-a",
      results: [{ id: first.id, status: "done", messages: null, rawResponse: "A", parsed: null, outcome: "scored", scores: null, latencyMs: null, promptTokens: null, completionTokens: null, cached: false, error: null }],
    });
    expect(await hasOwnOpenWork(database.db, { owner: "worker-a" })).toBe(true);
    await finishRun(database.db, { id: runId, status: "completed", metrics: {}, ci: {}, summary: {} });
    expect(await hasOwnOpenWork(database.db, { owner: "worker-a" })).toBe(false);
  });

  it("has no open work in a cancelled run", async () => {
    const runId = await runningRun();
    await claimRunItems(database.db, { runId, owner: "worker-c", limit: 2, leaseSeconds: 60 });
    expect(await hasOwnOpenWork(database.db, { owner: "worker-c" })).toBe(true);
    await setRunStatus(database.db, { id: runId, status: "cancelled" });
    expect(await hasOwnOpenWork(database.db, { owner: "worker-c" })).toBe(false);
  });
});
