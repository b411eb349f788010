import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { type ShareLink, shareLinks } from "../schema";
import { rowsOf } from "./runs";

export interface NewShareLink {
  tokenHash: string;
  kind: string;
  target: Record<string, unknown>;
  includeItems: boolean;
  public: boolean;
  label: string | null;
  createdBy: string | null;
  expiresAt: Date | null;
}

export async function insertShareLink(db: Db, values: NewShareLink): Promise<ShareLink> {
  const [row] = await db.insert(shareLinks).values(values).returning();
  return row;
}

export interface ShareLookup {
  id: string | null;
  kind: string | null;
  target: Record<string, unknown> | null;
  includeItems: boolean | null;
  public: boolean | null;
  /** False for unknown, expired and revoked tokens alike. */
  live: boolean;
}

/**
 * One statement of the same shape whatever the token: a single row comes back for a known token and for an
 * unknown one alike (the left join pads it), and expiry and revocation are decided inside the query, so an
 * unknown, an expired and a revoked token cost the same and look the same.
 */
export async function lookupShareByHash(db: Db, { tokenHash, now }: { tokenHash: string; now: Date }): Promise<ShareLookup> {
  const result = await db.execute<{ id: string | null; kind: string | null; target: Record<string, unknown> | null; include_items: boolean | null; public: boolean | null; live: boolean }>(sql`
    select s.id, s.kind, s.target, s.include_items, s.public,
      coalesce(s.id is not null and s.revoked_at is null and (s.expires_at is null or s.expires_at > ${now.toISOString()}::timestamptz), false) as live
    from (select 1) as one
    left join share_links s on s.token_hash = ${tokenHash}`);
  const [row] = rowsOf<{ id: string | null; kind: string | null; target: Record<string, unknown> | null; include_items: boolean | null; public: boolean | null; live: boolean }>(result);
  return { id: row.id, kind: row.kind, target: row.target, includeItems: row.include_items, public: row.public, live: row.live === true };
}

export async function countShareView(db: Db, { id }: { id: string }): Promise<void> {
  await db.update(shareLinks).set({ viewCount: sql`${shareLinks.viewCount} + 1` }).where(eq(shareLinks.id, id));
}

/** The links one account made (the single-user admin's are those with no creator), newest first. */
export async function listShareLinksBy(db: Db, { createdBy }: { createdBy: string | null }): Promise<ShareLink[]> {
  return db
    .select()
    .from(shareLinks)
    .where(createdBy === null ? isNull(shareLinks.createdBy) : eq(shareLinks.createdBy, createdBy))
    .orderBy(desc(shareLinks.createdAt))
    .limit(500);
}

/** Revokes a link its creator made; null when there is no such link of theirs. Revoking twice keeps the first time. */
export async function revokeShareLink(db: Db, { id, createdBy, now }: { id: string; createdBy: string | null; now: Date }) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: sql`coalesce(${shareLinks.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(shareLinks.id, id), createdBy === null ? isNull(shareLinks.createdBy) : eq(shareLinks.createdBy, createdBy)))
    .returning();
  return row ?? null;
}
