import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { createInvite, getOpenInvite, markInviteUsed } from "./invites";

const created = new Date("2026-03-01T10:00:00Z");
const expires = new Date("2026-03-08T10:00:00Z");
const before = new Date("2026-03-05T10:00:00Z");

describe.each(testEngines())("invite queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const invite = (tokenHash: string) =>
    createInvite(database.db, { tokenHash, email: `${tokenHash}@example.org`, role: "researcher", createdBy: null, expiresAt: expires });

  it("stores an invite and returns its row", async () => {
    const row = await invite("h-create");
    expect(row).toMatchObject({ tokenHash: "h-create", email: "h-create@example.org", role: "researcher", createdBy: null, usedAt: null });
    expect(row.expiresAt.toISOString()).toBe(expires.toISOString());
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it("finds an invite until it expires, and never by another token", async () => {
    await invite("h-open");
    expect(await getOpenInvite(database.db, { tokenHash: "h-open", now: created })).toMatchObject({ tokenHash: "h-open", role: "researcher" });
    expect(await getOpenInvite(database.db, { tokenHash: "h-open", now: before })).toMatchObject({ tokenHash: "h-open" });
    // Expired at the stated instant, not a moment later.
    expect(await getOpenInvite(database.db, { tokenHash: "h-open", now: expires })).toBeNull();
    expect(await getOpenInvite(database.db, { tokenHash: "h-open", now: new Date("2026-03-09T00:00:00Z") })).toBeNull();
    expect(await getOpenInvite(database.db, { tokenHash: "h-unknown", now: before })).toBeNull();
  });

  it("marks an invite used once, after which it is no longer open", async () => {
    await invite("h-use");
    await invite("h-other");
    expect(await markInviteUsed(database.db, { tokenHash: "h-use", now: before })).toBe(true);
    expect(await markInviteUsed(database.db, { tokenHash: "h-use", now: before })).toBe(false);
    expect(await getOpenInvite(database.db, { tokenHash: "h-use", now: created })).toBeNull();
    // Only the named invite is used up.
    expect(await getOpenInvite(database.db, { tokenHash: "h-other", now: before })).toMatchObject({ usedAt: null });
  });

  it("refuses to use an expired or unknown invite", async () => {
    await invite("h-late");
    expect(await markInviteUsed(database.db, { tokenHash: "h-late", now: expires })).toBe(false);
    expect(await markInviteUsed(database.db, { tokenHash: "h-nothing", now: before })).toBe(false);
    expect(await getOpenInvite(database.db, { tokenHash: "h-late", now: before })).toMatchObject({ usedAt: null });
  });
});
