import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { responseCache } from "../schema";

export async function getCachedResponses(db: Db, { keys }: { keys: string[] }): Promise<Map<string, Record<string, unknown>>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select().from(responseCache).where(inArray(responseCache.key, keys));
  return new Map(rows.map((r) => [r.key, r.response]));
}
