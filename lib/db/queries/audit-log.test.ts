import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { listAudit, recordAudit } from "./audit-log";

describe.each(testEngines())("audit log queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  // Each test logs under its own action, so the rows it reads are its own.
  const action = (name: string) => `${name}-${randomUUID()}`;

  it("appends an entry with what was given, and empty defaults for the rest", async () => {
    const full = action("full");
    const bare = action("bare");
    await recordAudit(database.db, { actorId: "u1", actor: "a@example.com", action: full, target: "model:1", ip: "10.0.0.1", details: { name: "m" } });
    await recordAudit(database.db, { actor: "cli", action: bare });
    expect(await listAudit(database.db, { action: full, limit: 10 })).toEqual([
      { id: expect.any(Number), at: expect.any(Date), actorId: "u1", actor: "a@example.com", action: full, target: "model:1", ip: "10.0.0.1", details: { name: "m" } },
    ]);
    expect(await listAudit(database.db, { action: bare, limit: 10 })).toEqual([
      { id: expect.any(Number), at: expect.any(Date), actorId: null, actor: "cli", action: bare, target: null, ip: null, details: {} },
    ]);
  });

  it("lists newest first, a page at a time before an id", async () => {
    const paged = action("paged");
    for (const target of ["t1", "t2", "t3"]) await recordAudit(database.db, { actor: "cli", action: paged, target });
    const all = await listAudit(database.db, { action: paged, limit: 10 });
    expect(all.map((e) => e.target)).toEqual(["t3", "t2", "t1"]);
    expect((await listAudit(database.db, { action: paged, limit: 2 })).map((e) => e.target)).toEqual(["t3", "t2"]);
    expect((await listAudit(database.db, { action: paged, before: all[0].id, limit: 10 })).map((e) => e.target)).toEqual(["t2", "t1"]);
    expect((await listAudit(database.db, { action: paged, before: all[2].id, limit: 10 })).map((e) => e.target)).toEqual([]);
  });

  it("lists every action when none is asked for", async () => {
    const one = action("one");
    const two = action("two");
    await recordAudit(database.db, { actor: "cli", action: one });
    await recordAudit(database.db, { actor: "cli", action: two });
    const actions = (await listAudit(database.db, { limit: 1000 })).map((e) => e.action);
    expect(actions).toContain(one);
    expect(actions).toContain(two);
  });

  it("matches part of the actor, ignoring case, with % and _ taken literally", async () => {
    const tag = randomUUID().slice(0, 8);
    const who = action("who");
    for (const actor of [`Alice.${tag}@Example.com`, `bob_${tag}@example.com`, `bobx${tag}@example.com`, `100%${tag}`, `1000${tag}`, `back\\${tag}`]) {
      await recordAudit(database.db, { actor, action: who });
    }
    const actors = async (actor: string) => (await listAudit(database.db, { action: who, actor, limit: 10 })).map((e) => e.actor).sort();
    expect(await actors(`alice.${tag}@EXAMPLE`)).toEqual([`Alice.${tag}@Example.com`]);
    expect(await actors(`b_${tag}`)).toEqual([`bob_${tag}@example.com`]);
    expect(await actors(`0%${tag}`)).toEqual([`100%${tag}`]);
    expect(await actors(`k\\${tag}`)).toEqual([`back\\${tag}`]);
    expect(await actors(tag)).toHaveLength(6);
  });

  it("keeps entries between since and until, both included", async () => {
    const timed = action("timed");
    for (const target of ["jan1", "jan2", "jan3"]) await recordAudit(database.db, { actor: "cli", action: timed, target });
    // The clock is set in the rows, not waited on.
    await database.db.execute(sql`update audit_log set at = ('2026-01-0' || substr(target, 4, 1) || 'T00:00:00Z')::timestamptz where action = ${timed}`);
    const targets = async (range: { since?: Date; until?: Date }) =>
      (await listAudit(database.db, { action: timed, ...range, limit: 10 })).map((e) => e.target);
    expect(await targets({ since: new Date("2026-01-02T00:00:00Z") })).toEqual(["jan3", "jan2"]);
    expect(await targets({ until: new Date("2026-01-02T00:00:00Z") })).toEqual(["jan2", "jan1"]);
    expect(await targets({ since: new Date("2026-01-02T00:00:00Z"), until: new Date("2026-01-02T00:00:00Z") })).toEqual(["jan2"]);
    expect(await targets({ since: new Date("2026-01-02T00:00:00.001Z"), until: new Date("2026-01-02T23:59:59Z") })).toEqual([]);
  });
});
