import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import {
  deleteContaminationIndex,
  getContaminationIndex,
  insertContaminationIndex,
  listBuildingContaminationIndexes,
  listContaminationIndexes,
  listFinishedRunItemsWithItem,
  listFinishedRunsOfSuite,
  markContaminationIndexFailed,
  markContaminationIndexReady,
  type NewContaminationIndex,
} from "./contamination";
import { createModel } from "./models";
import { findActiveSuiteItemIds, finishImportedRun, insertImportedItems, insertImportingRun } from "./run-export";
import { saveSuite } from "./suites";

const FIGURES = { documents: 10, characters: 2000, fingerprints: 300, corpusBytes: 4096, indexBytes: 1024 };
const ZERO = { documents: 0, characters: 0, fingerprints: 0, corpusBytes: 0, indexBytes: 0 };

describe.each(testEngines())("contamination queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const building = (name: string, over: Partial<NewContaminationIndex> = {}) =>
    insertContaminationIndex(database.db, { id: randomUUID(), name, n: 13, ...ZERO, status: "building", builder: `contam-host-1-${name}`, ...over });

  it("stores an index as given, ready unless told otherwise, with storable text", async () => {
    const ready = await insertContaminationIndex(database.db, { id: randomUUID(), name: "语料\u0000A", n: 8, ...FIGURES });
    expect(ready).toMatchObject({ name: "语料\u2400A", n: 8, ...FIGURES, status: "ready", builder: null, error: null, errorKind: null });
    expect(await getContaminationIndex(database.db, { id: ready.id })).toEqual(ready);
  });

  it("records a finished build once, only while it is building", async () => {
    const row = await building("ready-once");
    const done = await markContaminationIndexReady(database.db, { id: row.id, figures: FIGURES });
    expect(done).toMatchObject({ id: row.id, status: "ready", ...FIGURES, error: null, builder: null });
    expect(await markContaminationIndexReady(database.db, { id: row.id, figures: ZERO })).toBeNull();
    expect(await getContaminationIndex(database.db, { id: row.id })).toMatchObject({ status: "ready", ...FIGURES });
    expect(await markContaminationIndexReady(database.db, { id: randomUUID(), figures: FIGURES })).toBeNull();
  });

  it("records a failed build with its kind and a detail cut to 2,000 characters, only while building", async () => {
    const row = await building("fails");
    const failed = await markContaminationIndexFailed(database.db, { id: row.id, kind: "refused", detail: `${"x".repeat(2500)}` });
    expect(failed).toMatchObject({ id: row.id, status: "failed", errorKind: "refused", builder: null });
    expect(failed!.error).toBe("x".repeat(2000));
    expect(await markContaminationIndexFailed(database.db, { id: row.id, kind: "build", detail: "later" })).toBeNull();
    expect(await getContaminationIndex(database.db, { id: row.id })).toMatchObject({ errorKind: "refused" });

    const bare = await building("fails-bare");
    expect(await markContaminationIndexFailed(database.db, { id: bare.id, kind: "abandoned" })).toMatchObject({
      status: "failed",
      errorKind: "abandoned",
      error: null,
    });
    const nul = await building("fails-nul");
    expect(await markContaminationIndexFailed(database.db, { id: nul.id, kind: "build", detail: "line\u00002" })).toMatchObject({ error: "line\u24002" });

    const ready = await building("ready-not-failed");
    await markContaminationIndexReady(database.db, { id: ready.id, figures: FIGURES });
    expect(await markContaminationIndexFailed(database.db, { id: ready.id, kind: "build" })).toBeNull();
  });

  it("lists the builds under way with their builder, and every index newest first", async () => {
    const a = await building("list-a");
    const b = await building("list-b", { builder: "contam-host-2-b" });
    const done = await building("list-done");
    await markContaminationIndexReady(database.db, { id: done.id, figures: FIGURES });
    const under = await listBuildingContaminationIndexes(database.db);
    expect(under).toContainEqual({ id: a.id, builder: "contam-host-1-list-a" });
    expect(under).toContainEqual({ id: b.id, builder: "contam-host-2-b" });
    expect(under.map((r) => r.id)).not.toContain(done.id);
    for (const r of under) expect(Object.keys(r).sort()).toEqual(["builder", "id"]);

    // Creation times are set in the rows rather than waited for.
    await database.db.execute(sql`update contamination_indexes set created_at = '2020-01-01T00:00:00Z' where id = ${a.id}`);
    await database.db.execute(sql`update contamination_indexes set created_at = '2020-01-03T00:00:00Z' where id = ${b.id}`);
    await database.db.execute(sql`update contamination_indexes set created_at = '2020-01-02T00:00:00Z' where id = ${done.id}`);
    const ids = (await listContaminationIndexes(database.db)).map((r) => r.id).filter((id) => [a.id, b.id, done.id].includes(id));
    expect(ids).toEqual([b.id, done.id, a.id]);
  });

  it("finds and deletes an index by id, refusing ids that are not uuids", async () => {
    const row = await building("delete-me");
    expect(await getContaminationIndex(database.db, { id: "not-a-uuid" })).toBeNull();
    expect(await getContaminationIndex(database.db, { id: randomUUID() })).toBeNull();
    expect(await deleteContaminationIndex(database.db, { id: "not-a-uuid" })).toBe(false);
    expect(await deleteContaminationIndex(database.db, { id: row.id })).toBe(true);
    expect(await deleteContaminationIndex(database.db, { id: row.id })).toBe(false);
    expect(await getContaminationIndex(database.db, { id: row.id })).toBeNull();
    expect(await markContaminationIndexReady(database.db, { id: row.id, figures: FIGURES })).toBeNull();
  });

  describe("a suite's finished runs and their rows", () => {
    const suite: SuiteDefinition = {
      id: "contam-suite",
      name: { en: "c", zh: "c" },
      taskKind: "mcq",
      licence: "CC0",
      source: "unit test",
      config: {},
      items: ["c0", "c1", "c2"].map((externalId, i) => ({
        externalId,
        split: "test" as const,
        ...(i < 2 ? { subset: `sub${i}` } : {}),
        input: { question: `q${i}`, options: { A: "a", B: "b" }, ...(i === 1 ? { n: 7 } : {}) },
        gold: { answer: "A" },
      })),
    };

    async function importedRun(modelId: string, suiteId: string, status: "completed" | "completed_with_errors" | null, finishedAt: string) {
      const run = await insertImportingRun(database.db, {
        modelId,
        suiteId,
        suiteVersion: "v1",
        settings: resolveSettings("mcq", {}),
        configHash: "h",
        label: null,
        itemCount: 3,
        suiteItemCount: 3,
        origin: { file: null, instance: null, exportedAt: null, importedAt: "2026-01-01T00:00:00Z", sourceRunId: null },
      });
      if (status) {
        await finishImportedRun(database.db, {
          id: run.id,
          status,
          total: 0,
          metrics: {},
          ci: {},
          summary: {},
          createdAt: null,
          startedAt: null,
          finishedAt: new Date(finishedAt),
        });
      }
      return run.id;
    }

    it("lists a suite's finished runs newest first with their model's name", async () => {
      await saveSuite(database.db, { suite, version: "v1", bundled: false });
      await saveSuite(database.db, { suite: { ...suite, id: "contam-other" }, version: "v1", bundled: false });
      const m1 = (await createModel(database.db, { name: "contam-m1", provider: "baseline" })).id;
      const m2 = (await createModel(database.db, { name: "contam-m2", provider: "baseline" })).id;
      const older = await importedRun(m1, suite.id, "completed", "2026-03-01T00:00:00Z");
      const newer = await importedRun(m2, suite.id, "completed_with_errors", "2026-03-02T00:00:00Z");
      await importedRun(m1, suite.id, null, "2026-03-03T00:00:00Z");
      await importedRun(m1, "contam-other", "completed", "2026-03-04T00:00:00Z");
      const runs = await listFinishedRunsOfSuite(database.db, { suiteId: suite.id });
      expect(runs.map((r) => [r.run.id, r.modelName, r.run.status])).toEqual([
        [newer, "contam-m2", "completed_with_errors"],
        [older, "contam-m1", "completed"],
      ]);
    });

    it("lists a run's done rows in queue order with their subset and scale item number", async () => {
      await saveSuite(database.db, { suite, version: "v1", bundled: false });
      const m = (await createModel(database.db, { name: "contam-rows", provider: "baseline" })).id;
      const runId = await importedRun(m, suite.id, "completed", "2026-03-05T00:00:00Z");
      const ids = await findActiveSuiteItemIds(database.db, { suiteId: suite.id, externalIds: ["c0", "c1", "c2"] });
      const base = { messages: null, rawResponse: "A", error: null, latencyMs: null, promptTokens: null, completionTokens: null, cached: false };
      await insertImportedItems(database.db, {
        runId,
        rows: [
          { ...base, itemId: ids.get("c1")!, sample: 2, status: "done", outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 } },
          { ...base, itemId: ids.get("c0")!, sample: 0, status: "error", outcome: null, parsed: null, scores: null, error: "x" },
          { ...base, itemId: ids.get("c2")!, sample: 0, status: "done", outcome: "unparsed", parsed: null, scores: { correct: 0 } },
        ],
      });
      const other = await importedRun(m, suite.id, "completed", "2026-03-06T00:00:00Z");
      await insertImportedItems(database.db, {
        runId: other,
        rows: [{ ...base, itemId: ids.get("c0")!, sample: 0, status: "done", outcome: "scored", parsed: null, scores: null }],
      });
      expect(await listFinishedRunItemsWithItem(database.db, { runId })).toEqual([
        { itemId: ids.get("c1"), sample: 2, outcome: "scored", parsed: { choice: "A" }, scores: { correct: 1 }, subset: "sub1", itemN: 7 },
        { itemId: ids.get("c2"), sample: 0, outcome: "unparsed", parsed: null, scores: { correct: 0 }, subset: null, itemN: null },
      ]);
    });
  });
});
