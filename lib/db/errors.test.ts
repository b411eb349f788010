import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createModel } from "./queries/models";
import { describeForLog, errorSummary, isDatabaseUnavailable, isDataException, isUniqueViolation } from "./errors";
import { type TestDatabase, testEngines } from "./testing";

describe.each(testEngines())("database errors are classified, and logged without parameters, on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error("expected the query to fail");
  }

  it("a unique clash is a unique violation, and its log line omits the values", async () => {
    const values = { name: "secret-canary-name", provider: "openai", baseUrl: "http://u:pw-canary@127.0.0.1:1/v1", modelId: "m" };
    await createModel(database.db, values);
    const error = await failure(() => createModel(database.db, values));
    expect(isUniqueViolation(error)).toBe(true);
    expect(isDatabaseUnavailable(error)).toBe(false);
    const logged = JSON.stringify(describeForLog(error)) + errorSummary(error);
    expect(logged).not.toContain("pw-canary");
    expect(logged).not.toContain("secret-canary-name");
    expect(logged).toContain("insert into");
  });

  it("NUL in text is a data exception (the caller's fault), not a unique violation", async () => {
    // Straight to the driver: the queries themselves store NUL visibly (safe-text.ts) and never send it.
    const error = await failure(() => database.db.execute(sql`select ${"a\u0000b"}::text`));
    expect(isDataException(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });
});

describe("connection failures are recognised as the database being unavailable", () => {
  it.each([
    ["ECONNREFUSED", { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:5432" }],
    ["an admin shutdown", { code: "57P01", message: "terminating connection due to administrator command" }],
    ["a connection exception class", { code: "08006", message: "connection failure" }],
    ["node-postgres losing its socket", { message: "Connection terminated unexpectedly" }],
    ["wrapped by drizzle", Object.assign(new Error("Failed query: select 1\nparams: x"), { query: "select 1", params: ["x"], cause: { code: "ECONNRESET", message: "read ECONNRESET" } })],
  ])("%s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("an ordinary bug is not", () => {
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "42P01", message: 'relation "x" does not exist' })).toBe(false);
  });
});
