import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { route } from "@/lib/http/route";
import { routeHooks } from "@/lib/http/route-hooks";
import type { Caller } from "./caller";

const limited = route({ access: "researcher", limit: { name: "test-limit", max: 3, windowMs: 60_000 } }, async () => ({ ok: true }));
const call = () => limited(new Request("http://127.0.0.1/api/limited", { method: "POST" }), { params: Promise.resolve({}) });

describe.each(testEngines())("per-caller limits declared on a route, on $name", (engine) => {
  let database: TestDatabase;
  let caller: Caller;
  let now = new Date("2026-11-30T10:00:00Z");
  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async () => caller;
    routeHooks.now = () => now;
  });
  afterAll(async () => {
    routeHooks.openDb = routeHooks.resolveCaller = routeHooks.now = undefined;
    await database?.dispose();
  });

  it("answers 429 beyond the budget, per caller, until the window has passed", async () => {
    caller = { kind: "researcher", userId: "u1", singleUser: false };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await (await call()).json()).code).toBe("rate_limited");

    caller = { kind: "researcher", userId: "u2", singleUser: false };
    expect((await call()).status).toBe(200);

    caller = { kind: "researcher", userId: "u1", singleUser: false };
    now = new Date(now.getTime() + 60_001);
    expect((await call()).status).toBe(200);
  });
});
