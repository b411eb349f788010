import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { type TestDatabase, testEngines } from "../testing";
import { models, runs } from "../schema";
import { countSuiteItemsBySubset, getSuite, listSuiteItems, listSuites, saveSuite } from "./suites";

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
      .values({ modelId: model.id, suiteId: "s-used", suiteVersion: "v1", settings: {}, configHash: "h" });
    await expect(saveSuite(database.db, { suite: mcqSuite("s-used", 6), version: "v2", bundled: false })).rejects.toThrow(
      /already has 1 run/,
    );
    expect(await getSuite(database.db, { id: "s-used" })).toMatchObject({ version: "v1", testCount: 2 });
    expect((await listSuites(database.db)).map((s) => s.id)).toContain("s-used");
  });
});
