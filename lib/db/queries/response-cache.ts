import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { responseCache } from "../schema";

export async function getCachedResponses(db: Db, { keys }: { keys: string[] }): Promise<Map<string, Record<string, unknown>>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select().from(responseCache).where(inArray(responseCache.key, keys));
  return new Map(rows.map((r) => [r.key, r.response]));
}

export async function saveCachedResponses(
  db: Db,
  { entries }: { entries: { key: string; response: Record<string, unknown> }[] },
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(responseCache)
    .values(entries)
    .onConflictDoNothing({ target: responseCache.key });
}
