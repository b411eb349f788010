import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { NUL_STANDIN, REPLACEMENT } from "../safe-text";
import { type TestDatabase, testEngines } from "../testing";
import { getSuite, listSuiteItems, listSuites, saveSuite } from "./suites";

const hostileSuite: SuiteDefinition = {
  id: "hostile-text",
  name: { en: "N".repeat(100_000), zh: "名" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: [
    { externalId: "q\u00000", split: "test", subset: "a\ud800", input: { question: "头\u0000痛", options: { A: "\udfff", B: "乙" } }, gold: { answer: "A" } },
  ],
};

describe.each(testEngines())("suite text the database could not store, on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("stores uploaded items holding NUL and lone surrogates visibly", async () => {
    expect(await saveSuite(database.db, { suite: hostileSuite, version: "v1", bundled: false })).toBe("created");
    const { rows } = await listSuiteItems(database.db, { suiteId: "hostile-text" });
    expect(rows[0]).toMatchObject({
      externalId: `q${NUL_STANDIN}0`,
      subset: `a${REPLACEMENT}`,
      input: { question: `头${NUL_STANDIN}痛`, options: { A: REPLACEMENT, B: "乙" } },
    });
  });

  it("cuts long names in the list, not on the suite itself", async () => {
    const listed = (await listSuites(database.db)).find((s) => s.id === "hostile-text")!;
    expect(listed.name.en).toMatch(/^N{300}… \(99700 more characters\)$/);
    expect((await getSuite(database.db, { id: "hostile-text" }))!.name.en).toHaveLength(100_000);
  });
});
