import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "./runs";

/** Owners holding leases on a run's items, expired or not. */
export async function listLeaseOwners(db: Db, { runId }: { runId: string }): Promise<string[]> {
  const result = await db.execute<{ owner: string }>(sql`
    select distinct lease_owner as owner from run_items
    where run_id = ${runId} and status = 'running' and lease_owner is not null`);
  return rowsOf<{ owner: string }>(result).map((r) => r.owner);
}

/** Puts the leased items of the given (dead) owners back in the queue without waiting for their leases to expire. */
export async function releaseOwnersLeases(db: Db, { runId, owners }: { runId: string; owners: string[] }): Promise<number> {
  if (owners.length === 0) return 0;
  const result = await db.execute(sql`
    update run_items set status = 'pending', lease_owner = null, lease_until = null,
      attempts = greatest(attempts - 1, 0), updated_at = now()
    where run_id = ${runId} and status = 'running'
      and lease_owner in (${sql.join(owners.map((o) => sql`${o}`), sql`, `)})
    returning id`);
  return rowsOf(result).length;
}

/** Items leased right now (status running), for reporting what a stopped process left in flight. */
export async function countLeasedItems(db: Db, { runId }: { runId: string }): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from run_items where run_id = ${runId} and status = 'running'`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}
