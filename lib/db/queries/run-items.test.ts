import { resolveSettings } from "@/lib/tasks/settings";
import { sql } from "drizzle-orm";
import type { RunStatus } from "@/lib/run-status";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { type TestDatabase, testEngines } from "../testing";
import { createModel } from "./models";
import { claimRunItems, getRunProgress, type ItemResult, listRunItemRecords, saveItemResults } from "./run-items";
import { createRunWithItems, rowsOf, setRunStatus } from "./runs";
import { listRunCandidates, saveSuite } from "./suites";

const suite: SuiteDefinition = {
  id: "claim-test",
  name: { en: "Claim test", zh: "领取测试" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 10 }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: "A" },
  })),
};

function done(id: number, rawResponse: string): ItemResult {
  return {
    id,
    status: "done",
    messages: [{ role: "user", content: "问题" }],
    rawResponse,
    parsed: { choice: "A" },
    outcome: "scored",
    scores: { correct: 1 },
    latencyMs: 50,
    promptTokens: 10,
    completionTokens: 1,
    cached: false,
    error: null,
  };
}

describe.each(testEngines())("run item queue on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "m", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function newRun(status: RunStatus, samples = 1) {
    const run = await createRunWithItems(database.db, {
      modelId,
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: `h${Math.random()}`,
      itemIds: (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id),
      suiteItemCount: 10,
      samples,
    });
    await setRunStatus(database.db, { id: run!.id, status });
    return run!.id;
  }

  it("hands out each pending item once, in queue order, to one owner at a time", async () => {
    const runId = await newRun("running", 2);
    const other = await newRun("running");
    const first = await claimRunItems(database.db, { runId, owner: "a", limit: 8, leaseSeconds: 60 });
    const second = await claimRunItems(database.db, { runId, owner: "b", limit: 100, leaseSeconds: 60 });
    expect(first).toHaveLength(8);
    expect(second).toHaveLength(12);
    const ids = [...first, ...second].map((c) => c.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(20);
    expect(await claimRunItems(database.db, { runId, owner: "c", limit: 100, leaseSeconds: 60 })).toEqual([]);
    // The other run's queue is untouched.
    expect((await getRunProgress(database.db, { runId: other })).pending).toBe(10);
  });

  it("takes items back whose lease ran out, and nothing from a run that is not running", async () => {
    const runId = await newRun("running");
    const claimed = await claimRunItems(database.db, { runId, owner: "dead", limit: 3, leaseSeconds: 60 });
    await database.db.execute(sql`
      update run_items set lease_until = now() - interval '1 second'
      where id in (${sql.join(claimed.slice(0, 2).map((c) => sql`${c.id}`), sql`, `)})`);
    const retaken = await claimRunItems(database.db, { runId, owner: "alive", limit: 2, leaseSeconds: 60 });
    expect(retaken.map((c) => c.id)).toEqual(claimed.slice(0, 2).map((c) => c.id));

    const paused = await newRun("queued");
    expect(await claimRunItems(database.db, { runId: paused, owner: "a", limit: 5, leaseSeconds: 60 })).toEqual([]);
  });

  it("writes a result once: a second write of a finished item changes nothing", async () => {
    const runId = await newRun("running");
    const [item] = await claimRunItems(database.db, { runId, owner: "a", limit: 1, leaseSeconds: 60 });
    expect(await saveItemResults(database.db, { owner: "a", results: [done(item.id, "A")] })).toBe(1);
    expect(await saveItemResults(database.db, { owner: "b", results: [done(item.id, "B")] })).toBe(0);
    const result = await database.db.execute(sql`select raw_response, lease_owner from run_items where id = ${item.id}`);
    expect(rowsOf(result)[0]).toMatchObject({ raw_response: "A", lease_owner: "a" });
  });

  it("lists every row of a run in queue order with its item's input and gold, finished or not", async () => {
    const runId = await newRun("running", 2);
    const [item] = await claimRunItems(database.db, { runId, owner: "a", limit: 1, leaseSeconds: 60 });
    await saveItemResults(database.db, { owner: "a", results: [done(item.id, "答案 A")] });
    const records = await listRunItemRecords(database.db, { runId });
    expect(records).toHaveLength(20);
    expect(records.map((r) => r.id)).toEqual(records.map((r) => r.id).sort((x, y) => x - y));
    expect(records.map((r) => `${r.externalId}/${r.sample}`).slice(0, 4)).toEqual(["q0/0", "q0/1", "q1/0", "q1/1"]);
    expect(records[0]).toMatchObject({
      id: item.id,
      status: "done",
      rawResponse: "答案 A",
      outcome: "scored",
      parsed: { choice: "A" },
      scores: { correct: 1 },
      leaseOwner: "a",
      input: { question: "问题0", options: { A: "甲", B: "乙" } },
      gold: { answer: "A" },
    });
    expect(records[1]).toMatchObject({ status: "pending", rawResponse: null, input: { question: "问题0" } });
  });
});
