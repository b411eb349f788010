import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { rowsOf } from "./runs";
import { countShareView, insertShareLink, listShareLinksBy, lookupShareByHash, type NewShareLink, revokeShareLink } from "./shares";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const DEAD = { id: null, kind: null, target: null, includeItems: null, public: null, live: false };

describe.each(testEngines())("share link queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const link = (tokenHash: string, over: Partial<NewShareLink> = {}) =>
    insertShareLink(database.db, {
      tokenHash,
      kind: "run",
      target: { runId: "r-1" },
      includeItems: true,
      public: false,
      label: "for review",
      createdBy: "user-1",
      expiresAt: null,
      ...over,
    });

  it("stores a link as given, unviewed and unrevoked", async () => {
    const row = await link("hash-store", { kind: "comparison", target: { runIds: ["a", "b"] }, public: true, label: null, createdBy: null });
    expect(row).toMatchObject({
      tokenHash: "hash-store",
      kind: "comparison",
      target: { runIds: ["a", "b"] },
      includeItems: true,
      public: true,
      label: null,
      createdBy: null,
      viewCount: 0,
      revokedAt: null,
      expiresAt: null,
    });
  });

  it("looks up a live link by its token's hash", async () => {
    const row = await link("hash-live", { expiresAt: new Date("2026-06-01T12:00:01.000Z"), includeItems: false, public: true });
    expect(await lookupShareByHash(database.db, { tokenHash: "hash-live", now: NOW })).toEqual({
      id: row.id,
      kind: "run",
      target: { runId: "r-1" },
      includeItems: false,
      public: true,
      live: true,
    });
    const forever = await link("hash-forever");
    expect(await lookupShareByHash(database.db, { tokenHash: "hash-forever", now: NOW })).toMatchObject({ id: forever.id, includeItems: true, public: false, live: true });
  });

  it("answers an unknown token with an empty, dead lookup", async () => {
    expect(await lookupShareByHash(database.db, { tokenHash: "hash-unknown", now: NOW })).toEqual(DEAD);
  });

  it("says an expired or revoked link is not live", async () => {
    const expired = await link("hash-expired", { expiresAt: NOW });
    expect(await lookupShareByHash(database.db, { tokenHash: "hash-expired", now: NOW })).toMatchObject({ id: expired.id, live: false });
    expect((await lookupShareByHash(database.db, { tokenHash: "hash-expired", now: new Date(NOW.getTime() - 1) })).live).toBe(true);
    const revoked = await link("hash-revoked", { createdBy: "user-r" });
    await revokeShareLink(database.db, { id: revoked.id, createdBy: "user-r", now: NOW });
    expect(await lookupShareByHash(database.db, { tokenHash: "hash-revoked", now: NOW })).toMatchObject({ id: revoked.id, kind: "run", live: false });
  });

  it("counts views one at a time", async () => {
    const row = await link("hash-views");
    const other = await link("hash-views-other");
    await countShareView(database.db, { id: row.id });
    await countShareView(database.db, { id: row.id });
    const counts = rowsOf<{ id: string; view_count: number }>(
      await database.db.execute(sql`select id, view_count from share_links where id in (${row.id}, ${other.id}) order by view_count`),
    );
    expect(counts.map((c) => [c.id, c.view_count])).toEqual([
      [other.id, 0],
      [row.id, 2],
    ]);
  });

  it("lists the links one account made, or the single-user admin's, newest first", async () => {
    const owner = `user-${randomUUID()}`;
    const first = await link("hash-list-1", { createdBy: owner });
    const second = await link("hash-list-2", { createdBy: owner });
    await link("hash-list-other", { createdBy: `${owner}-other` });
    const admin = await link("hash-list-admin", { createdBy: null });
    await database.db.execute(sql`update share_links set created_at = '2026-01-01T00:00:00Z' where id = ${second.id}`);
    await database.db.execute(sql`update share_links set created_at = '2026-01-02T00:00:00Z' where id = ${first.id}`);
    expect((await listShareLinksBy(database.db, { createdBy: owner })).map((r) => r.id)).toEqual([first.id, second.id]);
    const admins = await listShareLinksBy(database.db, { createdBy: null });
    expect(admins.map((r) => r.id)).toContain(admin.id);
    expect(admins.every((r) => r.createdBy === null)).toBe(true);
  });

  it("revokes only its creator's link, keeping the first revocation time", async () => {
    const row = await link("hash-revoke", { createdBy: "user-a" });
    expect(await revokeShareLink(database.db, { id: row.id, createdBy: "user-b", now: NOW })).toBeNull();
    expect(await revokeShareLink(database.db, { id: row.id, createdBy: null, now: NOW })).toBeNull();
    expect(await revokeShareLink(database.db, { id: "not-a-uuid", createdBy: "user-a", now: NOW })).toBeNull();
    expect(await revokeShareLink(database.db, { id: randomUUID(), createdBy: "user-a", now: NOW })).toBeNull();
    expect((await lookupShareByHash(database.db, { tokenHash: "hash-revoke", now: NOW })).live).toBe(true);

    expect(await revokeShareLink(database.db, { id: row.id, createdBy: "user-a", now: NOW })).toMatchObject({ id: row.id, revokedAt: NOW });
    const later = new Date("2026-07-01T00:00:00.000Z");
    expect(await revokeShareLink(database.db, { id: row.id, createdBy: "user-a", now: later })).toMatchObject({ revokedAt: NOW });

    const admins = await link("hash-revoke-admin", { createdBy: null });
    expect(await revokeShareLink(database.db, { id: admins.id, createdBy: "user-a", now: NOW })).toBeNull();
    expect(await revokeShareLink(database.db, { id: admins.id, createdBy: null, now: NOW })).toMatchObject({ id: admins.id, revokedAt: NOW });
  });
});
