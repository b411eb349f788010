import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import { models, runItems, runs } from "../schema";
import {
  countSuiteItemsBySubset,
  deleteUserSuite,
  getSuite,
  getSuiteItemById,
  listAllSuiteItems,
  listItemsOfRun,
  listRunCandidates,
  listSuiteItems,
  listSuites,
  renameUserSuite,
  saveSuite,
} from "./suites";

function mcqSuite(id: string, count: number, overrides: Partial<SuiteDefinition> = {}): SuiteDefinition {
  return {
    id,
    name: { en: "Test MCQ", zh: "测试选择题" },
    taskKind: "mcq",
    licence: "CC0",
    source: "unit test",
    config: {},
    items: Array.from({ length: count }, (_, i) => ({
      externalId: `q${i}`,
      split: i < 2 ? ("dev" as const) : ("test" as const),
      subset: i % 2 ? "anatomy" : "virology",
      input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
      gold: { answer: "A" },
    })),
    ...overrides,
  };
}

describe.each(testEngines())("suite queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("stores a suite with its items in order and counts the splits", async () => {
    expect(await saveSuite(database.db, { suite: mcqSuite("s-basic", 1203), version: "v1", bundled: false })).toBe(
      "created",
    );
    const suite = await getSuite(database.db, { id: "s-basic" });
    expect(suite).toMatchObject({ testCount: 1201, devCount: 2, version: "v1", taskKind: "mcq" });
    const page = await listSuiteItems(database.db, { suiteId: "s-basic", offset: 1195, limit: 20 });
    expect(page.total).toBe(1201);
    expect(page.rows.map((r) => r.externalId)).toEqual(["q1197", "q1198", "q1199", "q1200", "q1201", "q1202"]);
    expect(page.rows[0].input).toEqual({ question: "问题1197", options: { A: "甲", B: "乙" } });
    const subsets = await countSuiteItemsBySubset(database.db, { suiteId: "s-basic" });
    expect(subsets.filter((s) => s.split === "test")).toEqual([
      { subset: "anatomy", split: "test", n: 600 },
      { subset: "virology", split: "test", n: 601 },
    ]);
  });

  it("stores exactly one insert chunk (500 items) and reads back the description, citation, candidates and items", async () => {
    const suite = mcqSuite("s-chunk", 500, { description: { en: "Five hundred", zh: "五百" }, citation: "Tian et al. 2023" });
    expect(await saveSuite(database.db, { suite, version: "v1", bundled: false })).toBe("created");
    expect(await getSuite(database.db, { id: "s-chunk" })).toMatchObject({
      testCount: 498,
      description: { en: "Five hundred", zh: "五百" },
      citation: "Tian et al. 2023",
    });
    await saveSuite(database.db, { suite: mcqSuite("s-plain", 3), version: "v1", bundled: false });
    expect(await getSuite(database.db, { id: "s-plain" })).toMatchObject({ description: null, citation: null });

    // Candidates are the test split in file order, narrowed to the subsets asked for (none or [] means all).
    const all = await listRunCandidates(database.db, { suiteId: "s-chunk" });
    expect(all).toHaveLength(498);
    expect(await listRunCandidates(database.db, { suiteId: "s-chunk", subsets: [] })).toHaveLength(498);
    const anatomy = await listRunCandidates(database.db, { suiteId: "s-chunk", subsets: ["anatomy"] });
    expect(anatomy).toHaveLength(249);
    expect(new Set(anatomy.map((c) => c.subset))).toEqual(new Set(["anatomy"]));
    expect(anatomy.map((c) => c.id)).toEqual(all.filter((c) => c.subset === "anatomy").map((c) => c.id));

    const first = await getSuiteItemById(database.db, { id: all[0].id });
    expect(first).toMatchObject({ externalId: "q2", split: "test", input: { question: "问题2", options: { A: "甲", B: "乙" } } });
    expect(await getSuiteItemById(database.db, { id: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    const dev = await listAllSuiteItems(database.db, { suiteId: "s-chunk", split: "dev" });
    expect(dev.map((item) => [item.externalId, item.gold])).toEqual([["q0", { answer: "A" }], ["q1", { answer: "A" }]]);
    expect((await listAllSuiteItems(database.db, { suiteId: "s-chunk", split: "test" })).map((item) => item.externalId).slice(-2)).toEqual(["q498", "q499"]);
  });

  it("leaves an unchanged suite alone and replaces a changed one that has no runs", async () => {
    expect(await saveSuite(database.db, { suite: mcqSuite("s-basic", 1203), version: "v1", bundled: false })).toBe(
      "unchanged",
    );
    expect(await saveSuite(database.db, { suite: mcqSuite("s-basic", 5), version: "v2", bundled: false })).toBe(
      "replaced",
    );
    expect(await getSuite(database.db, { id: "s-basic" })).toMatchObject({ testCount: 3, version: "v2" });
  });

  it("imports nothing when any item fails to insert", async () => {
    const suite = mcqSuite("s-atomic", 900);
    suite.items[850].externalId = "q3"; // duplicate key in the second chunk
    await expect(saveSuite(database.db, { suite, version: "v1", bundled: false })).rejects.toThrow();
    expect(await getSuite(database.db, { id: "s-atomic" })).toBeNull();
    expect((await listSuiteItems(database.db, { suiteId: "s-atomic" })).total).toBe(0);
  });

  it("refuses to rewrite a suite that runs refer to", async () => {
    await saveSuite(database.db, { suite: mcqSuite("s-used", 4), version: "v1", bundled: false });
    const [model] = await database.db
      .insert(models)
      .values({ name: "m-used", provider: "baseline" })
      .returning({ id: models.id });
    await database.db
      .insert(runs)
      .values({ modelId: model.id, suiteId: "s-used", suiteVersion: "v1", settings: resolveSettings("mcq", {}), configHash: "h" });
    await expect(saveSuite(database.db, { suite: mcqSuite("s-used", 6), version: "v2", bundled: false })).rejects.toThrow(
      /already has 1 run/,
    );
    expect(await getSuite(database.db, { id: "s-used" })).toMatchObject({ version: "v1", testCount: 2 });
    expect((await listSuites(database.db)).map((s) => s.id)).toContain("s-used");
  });

  it("replaces an uploaded suite that runs refer to, keeping the items those runs used readable", async () => {
    const v1 = mcqSuite("s-versioned", 6);
    await saveSuite(database.db, { suite: v1, version: "v1", bundled: false });
    const [model] = await database.db.insert(models).values({ name: "m-versioned", provider: "baseline" }).returning({ id: models.id });
    const [run] = await database.db
      .insert(runs)
      .values({ modelId: model.id, suiteId: "s-versioned", suiteVersion: "v1", settings: resolveSettings("mcq", {}), configHash: "h" })
      .returning({ id: runs.id });
    const used = (await listSuiteItems(database.db, { suiteId: "s-versioned", limit: 2 })).rows;
    await database.db.insert(runItems).values(used.map((item) => ({ runId: run.id, itemId: item.id })));

    const v2 = mcqSuite("s-versioned", 4, { name: { en: "v2", zh: "第二版" } });
    v2.items[2].input = { question: "新问题", options: { A: "甲", B: "乙" } };
    expect(await saveSuite(database.db, { suite: v2, version: "v2", bundled: false, keepRunItems: true })).toBe("replaced");

    expect(await getSuite(database.db, { id: "s-versioned" })).toMatchObject({ version: "v2", testCount: 2, name: { en: "v2" } });
    const now = await listSuiteItems(database.db, { suiteId: "s-versioned" });
    expect([now.total, now.rows.map((r) => r.input.question)]).toEqual([2, ["新问题", "问题3"]]);
    // The run still reads the two v1 items it was queued with, unchanged.
    const old = await listItemsOfRun(database.db, { runId: run.id });
    expect(old.map((r) => [r.externalId, r.input.question, r.retiredAt !== null])).toEqual([
      ["q2", "问题2", true],
      ["q3", "问题3", true],
    ]);
    expect(await getSuite(database.db, { id: "s-versioned" }).then((s) => s?.version)).toBe("v2");
    // A new run draws from v2 alone: the retired items are not candidates.
    const candidates = await listRunCandidates(database.db, { suiteId: "s-versioned" });
    expect(candidates.map((c) => c.id)).toEqual(now.rows.map((r) => r.id));
  });

  it("renames and deletes uploaded suites only, deleting their runs with them", async () => {
    await saveSuite(database.db, { suite: mcqSuite("s-bundled", 3), version: "v1", bundled: true });
    await saveSuite(database.db, { suite: mcqSuite("s-mine", 3), version: "v1", bundled: false });
    expect(await renameUserSuite(database.db, { id: "s-bundled", name: { en: "x", zh: "x" } })).toBe(false);
    expect(await renameUserSuite(database.db, { id: "s-mine", name: { en: "Mine", zh: "我的" } })).toBe(true);
    expect(await getSuite(database.db, { id: "s-mine" })).toMatchObject({ name: { en: "Mine", zh: "我的" } });

    const [model] = await database.db.insert(models).values({ name: "m-mine", provider: "baseline" }).returning({ id: models.id });
    await database.db.insert(runs).values({ modelId: model.id, suiteId: "s-mine", suiteVersion: "v1", settings: resolveSettings("mcq", {}), configHash: "h" });
    expect(await deleteUserSuite(database.db, { id: "s-bundled" })).toBeNull();
    expect(await deleteUserSuite(database.db, { id: "s-mine" })).toEqual({ runs: 1 });
    expect(await getSuite(database.db, { id: "s-mine" })).toBeNull();
    expect(await deleteUserSuite(database.db, { id: "s-mine" })).toBeNull();
    expect(await getSuite(database.db, { id: "s-bundled" })).not.toBeNull();
  });
});
