import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { type Invite, invites } from "../schema";

export async function createInvite(
  db: Db,
  values: { tokenHash: string; email: string; role: string; createdBy: string | null; expiresAt: Date },
): Promise<Invite> {
  const [row] = await db.insert(invites).values(values).returning();
  return row;
}

/** An invite that can still be accepted: not used and not expired. */
export async function getOpenInvite(db: Db, { tokenHash, now }: { tokenHash: string; now: Date }): Promise<Invite | null> {
  const [row] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Marks the invite used; false when it was used (or expired) in the meantime. */
export async function markInviteUsed(db: Db, { tokenHash, now }: { tokenHash: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(invites)
    .set({ usedAt: now })
    .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, now)))
    .returning({ tokenHash: invites.tokenHash });
  return rows.length > 0;
}
