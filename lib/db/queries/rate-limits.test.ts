import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "./rate-limits";

const T0 = new Date("2026-05-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

// Fixed windows on the caller's clock: time is moved by the `now` each call passes.
describe.each(testEngines())("rate limit queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("counts hits in the key's window and restarts it once the window has passed", async () => {
    const hit = (ms: number) => hitRateLimit(database.db, { key: "hits", now: at(ms), windowMs: 1000 });
    expect(await hit(0)).toBe(1);
    expect(await hit(10)).toBe(2);
    expect(await hit(999)).toBe(3);
    // The window started at 0: at 1000 it has passed, and the new one starts there.
    expect(await hit(1000)).toBe(1);
    expect(await hit(1999)).toBe(2);
    expect(await hit(2000)).toBe(1);
  });

  it("keeps each key's count apart", async () => {
    expect(await hitRateLimit(database.db, { key: "apart-a", now: T0, windowMs: 1000 })).toBe(1);
    expect(await hitRateLimit(database.db, { key: "apart-a", now: T0, windowMs: 1000 })).toBe(2);
    expect(await hitRateLimit(database.db, { key: "apart-b", now: T0, windowMs: 1000 })).toBe(1);
  });

  it("peeks at the current window's count without counting a hit", async () => {
    const peek = (ms: number) => peekRateLimit(database.db, { key: "peek", now: at(ms), windowMs: 1000 });
    expect(await peek(0)).toBe(0);
    await hitRateLimit(database.db, { key: "peek", now: T0, windowMs: 1000 });
    await hitRateLimit(database.db, { key: "peek", now: at(5), windowMs: 1000 });
    expect(await peek(999)).toBe(2);
    expect(await peek(999)).toBe(2);
    expect(await peek(1000)).toBe(0);
  });

  it("clears one key's window", async () => {
    await hitRateLimit(database.db, { key: "clear-a", now: T0, windowMs: 1000 });
    await hitRateLimit(database.db, { key: "clear-a", now: T0, windowMs: 1000 });
    await hitRateLimit(database.db, { key: "clear-b", now: T0, windowMs: 1000 });
    await clearRateLimit(database.db, { key: "clear-a" });
    expect(await peekRateLimit(database.db, { key: "clear-a", now: T0, windowMs: 1000 })).toBe(0);
    expect(await peekRateLimit(database.db, { key: "clear-b", now: T0, windowMs: 1000 })).toBe(1);
    expect(await hitRateLimit(database.db, { key: "clear-a", now: T0, windowMs: 1000 })).toBe(1);
  });
});
