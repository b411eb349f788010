import { resolveSettings } from "@/lib/tasks/settings";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { type TestDatabase, testEngines } from "../testing";
import { createRunningRun } from "./testing";
import { countLeasedItems, listLeaseOwners, releaseOwnersLeases } from "./leases";
import { createModel } from "./models";
import {
  claimRunItems,
  extendLeases,
  getAdjacentRunItemIds,
  getRunItemDetail,
  getRunProgress,
  type ItemResult,
  listFinishedRunItems,
  listRunItemsPage,
  listRunSubsets,
  releaseLeases,
  requeueErrors,
  saveItemResults,
} from "./run-items";
import {
  createRunWithItems,
  deleteInactiveRun,
  finishRun,
  getRun,
  listClaimableRunIds,
  listCompletedRuns,
  listRuns,
  rowsOf,
  saveRunResults,
  setRunLabel,
  setRunStatus,
} from "./runs";
import { listRunCandidates, saveSuite } from "./suites";

// What the run pages, the runners' lease handling and the retry button read and write, beyond claiming.
const SUBSETS = ["内科", "内科", "内科", "外科", "外科", undefined];
const suite: SuiteDefinition = {
  id: "queue-test",
  name: { en: "Queue test", zh: "队列测试" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: SUBSETS.map((subset, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    ...(subset ? { subset } : {}),
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" }, n: i + 1 },
    gold: { answer: "A" },
  })),
};

function result(id: number, over: Partial<ItemResult> = {}): ItemResult {
  return {
    id,
    status: "done",
    messages: [{ role: "user", content: "问题" }],
    rawResponse: "A",
    parsed: { choice: "A" },
    outcome: "scored",
    scores: { correct: 1 },
    latencyMs: 50,
    promptTokens: 10,
    completionTokens: 2,
    cached: false,
    error: null,
    ...over,
  };
}

describe.each(testEngines())("run queue and item pages on $name", (engine) => {
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

  const runningRun = () => createRunningRun(database.db, { modelId, suiteId: suite.id });

  const leaseOf = async (id: number) =>
    rowsOf<{ status: string; lease_owner: string | null; attempts: number; until_s: number | null }>(
      await database.db.execute(sql`
        select status, lease_owner, attempts, extract(epoch from lease_until - now())::float as until_s
        from run_items where id = ${id}`),
    )[0];

  /** A run of six items: q0 right, q1 wrong, q2 unparsed, q3 refused, q4 errored (all by owner "a"), q5 pending. */
  async function finishedMix() {
    const runId = await runningRun();
    const ids = (await claimRunItems(database.db, { runId, owner: "a", limit: 5, leaseSeconds: 60 })).map((c) => c.id);
    await saveItemResults(database.db, {
      owner: "a",
      results: [
        result(ids[0], { promptTokens: 100, completionTokens: 7 }),
        result(ids[1], { rawResponse: "B", parsed: { choice: "B" }, scores: { correct: 0 } }),
        result(ids[2], { rawResponse: "嗯", parsed: null, outcome: "unparsed", scores: { correct: 0 }, cached: true, promptTokens: 1000, completionTokens: 1000 }),
        result(ids[3], { rawResponse: "不答", parsed: null, outcome: "refused", scores: null }),
        result(ids[4], { status: "error", messages: null, rawResponse: null, parsed: null, outcome: null, scores: null, promptTokens: null, completionTokens: null, latencyMs: null, error: "HTTP 500" }),
      ],
    });
    return { runId, ids };
  }

  it("counts a run's progress by status, outcome and tokens, leaving cached answers' tokens out", async () => {
    const { runId } = await finishedMix();
    expect(await getRunProgress(database.db, { runId })).toEqual({
      total: 6,
      pending: 1,
      running: 0,
      done: 4,
      errors: 1,
      unparsed: 1,
      refused: 1,
      cached: 1,
      itemsRun: 5,
      promptTokens: 100 + 10 + 10,
      completionTokens: 7 + 2 + 2,
      recent: expect.any(Number),
    });
    // "Recent" is finished rows of the last 30 seconds; the clock is moved in the rows, not waited on.
    await database.db.execute(sql`update run_items set updated_at = now() - interval '1 minute' where run_id = ${runId}`);
    expect((await getRunProgress(database.db, { runId })).recent).toBe(0);
    await database.db.execute(sql`update run_items set updated_at = now() - interval '10 seconds' where run_id = ${runId}`);
    expect((await getRunProgress(database.db, { runId })).recent).toBe(5);
  });

  it("pages a run's items by filter and subset, with the total of the filter", async () => {
    const { runId, ids } = await finishedMix();
    const page = async (options: Parameters<typeof listRunItemsPage>[1]) => {
      const { rows, total } = await listRunItemsPage(database.db, options);
      return { ids: rows.map((r) => r.id), total };
    };
    const all = await listRunItemsPage(database.db, { runId });
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.externalId)).toEqual(["q0", "q1", "q2", "q3", "q4", "q5"]);
    expect(all.rows[1]).toMatchObject({ status: "done", rawResponse: "B", parsed: { choice: "B" }, scores: { correct: 0 }, subset: "内科", gold: { answer: "A" } });
    expect(all.rows[4]).toMatchObject({ status: "error", error: "HTTP 500", parsed: null, cached: false });
    expect(all.rows[2]).toMatchObject({ outcome: "unparsed", parsed: null, cached: true, latencyMs: 50 });
    expect(await page({ runId, filter: "wrong" })).toEqual({ ids: [ids[1], ids[2]], total: 2 });
    expect(await page({ runId, filter: "error" })).toEqual({ ids: [ids[4]], total: 1 });
    expect(await page({ runId, filter: "unparsed" })).toEqual({ ids: [ids[2]], total: 1 });
    expect(await page({ runId, filter: "refused" })).toEqual({ ids: [ids[3]], total: 1 });
    expect(await page({ runId, subset: "外科" })).toEqual({ ids: [ids[3], ids[4]], total: 2 });
    expect(await page({ runId, filter: "wrong", subset: "外科" })).toEqual({ ids: [], total: 0 });
    expect(await page({ runId, offset: 2, limit: 2 })).toEqual({ ids: [ids[2], ids[3]], total: 6 });
    expect(await listRunItemsPage(database.db, { runId: "not-a-uuid" })).toEqual({ rows: [], total: 0 });
  });

  it("finds one item, its neighbours in queue order and the run's subsets", async () => {
    const { runId, ids } = await finishedMix();
    const other = await runningRun();
    expect(await getRunItemDetail(database.db, { runId, id: ids[1] })).toMatchObject({
      item: { id: ids[1], rawResponse: "B" },
      suiteItem: { externalId: "q1", subset: "内科" },
    });
    expect(await getRunItemDetail(database.db, { runId: other, id: ids[1] })).toBeNull();
    expect(await getRunItemDetail(database.db, { runId: "x", id: ids[1] })).toBeNull();

    expect(await getAdjacentRunItemIds(database.db, { runId, id: ids[2] })).toEqual({ previous: ids[1], next: ids[3] });
    expect(await getAdjacentRunItemIds(database.db, { runId, id: ids[0] })).toEqual({ previous: null, next: ids[1] });
    const [last] = (await listRunItemsPage(database.db, { runId, offset: 5 })).rows;
    expect(await getAdjacentRunItemIds(database.db, { runId, id: last.id })).toEqual({ previous: ids[4], next: null });
    expect(await getAdjacentRunItemIds(database.db, { runId: "x", id: ids[2] })).toEqual({ previous: null, next: null });

    expect(await listRunSubsets(database.db, { runId })).toEqual(["内科", "外科"]);
    expect(await listRunSubsets(database.db, { runId: "x" })).toEqual([]);
  });

  it("lists the finished (done) rows aggregation needs, with their subset and scale item number", async () => {
    const { runId } = await finishedMix();
    const rows = await listFinishedRunItems(database.db, { runId });
    expect(rows.map((r) => [r.externalId, r.subset, r.itemN, r.outcome])).toEqual([
      ["q0", "内科", 1, "scored"],
      ["q1", "内科", 2, "scored"],
      ["q2", "内科", 3, "unparsed"],
      ["q3", "外科", 4, "refused"],
    ]);
  });

  it("gives a stopping runner's leases back, and only its own running ones", async () => {
    const runId = await runningRun();
    const mine = await claimRunItems(database.db, { runId, owner: "a", limit: 2, leaseSeconds: 60 });
    const theirs = await claimRunItems(database.db, { runId, owner: "b", limit: 1, leaseSeconds: 60 });
    await releaseLeases(database.db, { owner: "a", ids: [...mine, ...theirs].map((c) => c.id) });
    expect(await leaseOf(mine[0].id)).toMatchObject({ status: "pending", lease_owner: null, attempts: 0, until_s: null });
    expect(await leaseOf(mine[1].id)).toMatchObject({ status: "pending", lease_owner: null, attempts: 0 });
    expect(await leaseOf(theirs[0].id)).toMatchObject({ status: "running", lease_owner: "b", attempts: 1 });
    await releaseLeases(database.db, { owner: "b", ids: [] });
    expect(await leaseOf(theirs[0].id)).toMatchObject({ status: "running", lease_owner: "b" });
    // Released items are handed out again, first in queue order.
    expect((await claimRunItems(database.db, { runId, owner: "c", limit: 2, leaseSeconds: 60 })).map((c) => c.id)).toEqual(mine.map((c) => c.id));
  });

  it("extends only the given owner's leases on the given run", async () => {
    const runId = await runningRun();
    const other = await runningRun();
    const [mine] = await claimRunItems(database.db, { runId, owner: "a", limit: 1, leaseSeconds: 10 });
    const [theirs] = await claimRunItems(database.db, { runId, owner: "b", limit: 1, leaseSeconds: 10 });
    const [elsewhere] = await claimRunItems(database.db, { runId: other, owner: "a", limit: 1, leaseSeconds: 10 });
    await extendLeases(database.db, { runId, owner: "a", leaseSeconds: 3600 });
    expect((await leaseOf(mine.id)).until_s).toBeGreaterThan(3000);
    expect((await leaseOf(theirs.id)).until_s).toBeLessThanOrEqual(10);
    expect((await leaseOf(elsewhere.id)).until_s).toBeLessThanOrEqual(10);
  });

  it("requeues a run's errored items with fresh attempts, and nothing else", async () => {
    const { runId, ids } = await finishedMix();
    const other = await finishedMix();
    expect(await requeueErrors(database.db, { runId })).toBe(1);
    expect(await leaseOf(ids[4])).toMatchObject({ status: "pending", lease_owner: null, attempts: 0 });
    const errorOf = async (id: number) => rowsOf<{ error: string | null }>(await database.db.execute(sql`select error from run_items where id = ${id}`))[0].error;
    expect(await errorOf(ids[4])).toBeNull();
    expect(await errorOf(other.ids[4])).toBe("HTTP 500");
    expect((await getRunProgress(database.db, { runId })).done).toBe(4);
    expect(await requeueErrors(database.db, { runId })).toBe(0);
  });

  it("frees the leases of named owners only, and counts what is leased", async () => {
    const runId = await runningRun();
    await claimRunItems(database.db, { runId, owner: "dead", limit: 2, leaseSeconds: 60 });
    await claimRunItems(database.db, { runId, owner: "also-dead", limit: 1, leaseSeconds: 60 });
    await claimRunItems(database.db, { runId, owner: "alive", limit: 1, leaseSeconds: 60 });
    expect((await listLeaseOwners(database.db, { runId })).sort()).toEqual(["alive", "also-dead", "dead"]);
    expect(await countLeasedItems(database.db, { runId })).toBe(4);
    expect(await releaseOwnersLeases(database.db, { runId, owners: [] })).toBe(0);
    expect(await releaseOwnersLeases(database.db, { runId, owners: ["dead", "also-dead"] })).toBe(3);
    expect(await listLeaseOwners(database.db, { runId })).toEqual(["alive"]);
    expect(await countLeasedItems(database.db, { runId })).toBe(1);
    expect((await getRunProgress(database.db, { runId })).pending).toBe(5);
  });

  it("creates a queued, labelled run with items × samples rows, and no run for no items", async () => {
    const itemIds = (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id).slice(0, 4);
    const input = { modelId, suiteId: suite.id, suiteVersion: "v1", settings: resolveSettings("mcq", {}), configHash: "label-test", suiteItemCount: 6, samples: 3 };
    const run = await createRunWithItems(database.db, { ...input, itemIds, label: "温度 0.7" });
    expect(run).toMatchObject({ status: "queued", label: "温度 0.7", itemCount: 4, suiteItemCount: 6, total: 12 });
    expect(await createRunWithItems(database.db, { ...input, itemIds: [] })).toBeNull();
    const unlabelled = await createRunWithItems(database.db, { ...input, itemIds });
    expect(unlabelled).toMatchObject({ label: null });
    expect(await setRunStatus(database.db, { id: unlabelled!.id, status: "cancelled" })).toMatchObject({ startedAt: null });

    expect(run).toMatchObject({ startedAt: null, finishedAt: null });

    // Running stamps the first start only; failing or cancelling stamps the finish; the error stays unless given.
    const started = (await setRunStatus(database.db, { id: run!.id, status: "running" }))!;
    expect(started).toMatchObject({ status: "running", finishedAt: null });
    expect(started.startedAt).toBeInstanceOf(Date);
    await database.db.execute(sql`update runs set started_at = '2026-01-01T00:00:00Z' where id = ${run!.id}`);
    expect((await setRunStatus(database.db, { id: run!.id, status: "running" }))!.startedAt!.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    const failed = (await setRunStatus(database.db, { id: run!.id, status: "failed", error: "model server unreachable" }))!;
    expect(failed).toMatchObject({ status: "failed", error: "model server unreachable" });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    await database.db.execute(sql`update runs set finished_at = null where id = ${run!.id}`);
    const cancelled = (await setRunStatus(database.db, { id: run!.id, status: "cancelled" }))!;
    expect(cancelled).toMatchObject({ status: "cancelled", error: "model server unreachable" });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);
    expect(await setRunStatus(database.db, { id: run!.id, status: "queued", error: null })).toMatchObject({ error: null, finishedAt: cancelled.finishedAt });
    expect(await getRun(database.db, { id: "not-a-uuid" })).toBeNull();
  });

  it("lists runs with their progress, finished runs with their numbers, and stores results only while allowed", async () => {
    const { runId } = await finishedMix();
    const [listed] = (await listRuns(database.db, { suiteId: suite.id })).filter((r) => r.run.id === runId);
    expect(listed).toMatchObject({ modelName: "m", provider: "openai", suiteName: suite.name, taskKind: "mcq", progress: { done: 4, errors: 1, itemsRun: 5 } });
    expect(await listRuns(database.db, { suiteId: "no-such-suite" })).toEqual([]);
    expect(await listRuns(database.db, { limit: 1 })).toHaveLength(1);

    await saveRunResults(database.db, { id: runId, whileStatus: "queued", metrics: { accuracy: 0.1 }, ci: {}, summary: {} });
    expect((await getRun(database.db, { id: runId }))!.metrics).toBeNull();
    await saveRunResults(database.db, { id: runId, whileStatus: "running", metrics: { accuracy: 0.5 }, ci: { accuracy: [0.4, 0.6] }, summary: { done: 4 } });
    expect(await getRun(database.db, { id: runId })).toMatchObject({ status: "running", metrics: { accuracy: 0.5 }, ci: { accuracy: [0.4, 0.6] }, summary: { done: 4 } });
    expect((await listCompletedRuns(database.db)).map((r) => r.run.id)).not.toContain(runId);

    await setRunStatus(database.db, { id: runId, status: "failed", error: "boom" });
    await finishRun(database.db, { id: runId, status: "completed_with_errors", metrics: { accuracy: 0.75 }, ci: { accuracy: [0.5, 1] }, summary: { done: 4, errors: 1 } });
    const finished = await getRun(database.db, { id: runId });
    expect(finished).toMatchObject({ status: "completed_with_errors", metrics: { accuracy: 0.75 }, summary: { done: 4, errors: 1 }, error: null });
    expect(finished!.finishedAt).toBeInstanceOf(Date);
    const [completed] = (await listCompletedRuns(database.db)).filter((r) => r.run.id === runId);
    expect(completed).toMatchObject({ modelName: "m", taskKind: "mcq", suiteName: suite.name });

    expect(await setRunLabel(database.db, { id: runId, label: "第二次" })).toMatchObject({ id: runId, label: "第二次" });
    expect(await setRunLabel(database.db, { id: "00000000-0000-4000-8000-000000000000", label: "x" })).toBeNull();
  });

  it("lists runs a runner should take up and deletes only inactive ones", async () => {
    const busy = await runningRun();
    await claimRunItems(database.db, { runId: busy, owner: "a", limit: 6, leaseSeconds: 60 });
    const open = await runningRun();
    const stopped = await runningRun();
    await setRunStatus(database.db, { id: stopped, status: "cancelled", from: ["running"] });
    const claimable = await listClaimableRunIds(database.db);
    expect(claimable).toContain(open);
    expect(claimable).not.toContain(busy);
    expect(claimable).not.toContain(stopped);

    expect(await setRunStatus(database.db, { id: open, status: "completed", from: ["queued"] })).toBeNull();
    expect(await deleteInactiveRun(database.db, { id: open })).toBe(false);
    expect(await deleteInactiveRun(database.db, { id: stopped })).toBe(true);
    expect(await deleteInactiveRun(database.db, { id: stopped })).toBe(false);
  });
});
