import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rateLimits } from "../schema";

export interface RateWindow {
  key: string;
  /** The caller's clock, so tests move time instead of waiting for it. */
  now: Date;
  windowMs: number;
}

/** Counts one hit in the key's current fixed window (a new window starts once the old one has passed). */
export async function hitRateLimit(db: Db, { key, now, windowMs }: RateWindow): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const expired = sql`${rateLimits.windowStart} <= ${cutoff}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${at}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row.count;
}

/** Hits counted in the key's current window, without counting one. */
export async function peekRateLimit(db: Db, { key, now, windowMs }: RateWindow): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMs);
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.windowStart, cutoff)));
  return row?.count ?? 0;
}

export async function clearRateLimit(db: Db, { key }: { key: string }): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
