import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { rowsOf } from "./runs";
import { getSeedFingerprint, setSeedFingerprint } from "./seed-state";

describe.each(testEngines())("seed state on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("has no fingerprint for a key never seeded", async () => {
    expect(await getSeedFingerprint(database.db, { key: "never" })).toBeNull();
  });

  it("stores a key's fingerprint, replaces it and restamps the seeding", async () => {
    await setSeedFingerprint(database.db, { key: "suites", fingerprint: "f1" });
    await setSeedFingerprint(database.db, { key: "models", fingerprint: "m1" });
    expect(await getSeedFingerprint(database.db, { key: "suites" })).toBe("f1");
    await database.db.execute(sql`update seed_state set seeded_at = '2020-01-01T00:00:00Z' where key = 'suites'`);
    await setSeedFingerprint(database.db, { key: "suites", fingerprint: "f2" });
    expect(await getSeedFingerprint(database.db, { key: "suites" })).toBe("f2");
    expect(await getSeedFingerprint(database.db, { key: "models" })).toBe("m1");
    const [row] = rowsOf<{ restamped: boolean }>(
      await database.db.execute(sql`select seeded_at > '2020-01-01T00:00:00Z' as restamped from seed_state where key = 'suites'`),
    );
    expect(row.restamped).toBe(true);
  });
});
