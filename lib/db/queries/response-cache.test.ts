import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { getCachedResponses } from "./response-cache";
import { saveItemResults } from "./run-items";

describe.each(testEngines())("response cache on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("returns the cached responses of the keys asked for, by key", async () => {
    await saveItemResults(database.db, {
      owner: "cache-writer",
      results: [],
      cacheEntries: [
        { key: "k1", response: { content: "A" } },
        { key: "k2", response: { content: "B", usage: { total: 3 } } },
        { key: "k3", response: { content: "C" } },
      ],
    });
    const hits = await getCachedResponses(database.db, { keys: ["k2", "k1", "missing"] });
    expect([...hits.entries()].sort()).toEqual([
      ["k1", { content: "A" }],
      ["k2", { content: "B", usage: { total: 3 } }],
    ]);
    expect(await getCachedResponses(database.db, { keys: [] })).toEqual(new Map());
  });
});
