import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { seedState } from "../schema";

export async function getSeedFingerprint(db: Db, { key }: { key: string }): Promise<string | null> {
  const [row] = await db.select({ fingerprint: seedState.fingerprint }).from(seedState).where(eq(seedState.key, key)).limit(1);
  return row?.fingerprint ?? null;
}

export async function setSeedFingerprint(db: Db, { key, fingerprint }: { key: string; fingerprint: string }): Promise<void> {
  await db
    .insert(seedState)
    .values({ key, fingerprint })
    .onConflictDoUpdate({ target: seedState.key, set: { fingerprint, seededAt: sql`now()` } });
}
