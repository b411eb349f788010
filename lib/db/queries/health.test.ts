import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { pingDatabase } from "./health";

describe.each(testEngines())("health check on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("answers while the database is open and fails once it is closed", async () => {
    await expect(pingDatabase(database.db)).resolves.toBeUndefined();
    const closed = await engine.open();
    await closed.dispose();
    await expect(pingDatabase(closed.db)).rejects.toThrow();
  });
});
