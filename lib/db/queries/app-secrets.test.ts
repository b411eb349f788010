import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { getOrCreateSecret } from "./app-secrets";

describe.each(testEngines())("app secrets on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("keeps the first generated value of a secret for every later caller", async () => {
    expect(await getOrCreateSecret(database.db, { name: "signing", generate: () => "first" })).toBe("first");
    expect(await getOrCreateSecret(database.db, { name: "signing", generate: () => "second" })).toBe("first");
  });

  it("keeps each named secret apart", async () => {
    expect(await getOrCreateSecret(database.db, { name: "salt-a", generate: () => "a" })).toBe("a");
    expect(await getOrCreateSecret(database.db, { name: "salt-b", generate: () => "b" })).toBe("b");
    expect(await getOrCreateSecret(database.db, { name: "salt-a", generate: () => "c" })).toBe("a");
  });
});
