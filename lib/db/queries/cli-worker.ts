import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "./runs";

/**
 * Whether a worker still has something to finish: an open run it has leased or written items of (the run is
 * finalized, and so closed, only after its last write), so `--once` never stops a run between its last write
 * and its aggregation.
 */
export async function hasOwnOpenWork(db: Db, { owner }: { owner: string }): Promise<boolean> {
  const result = await db.execute<{ open: boolean }>(sql`
    select exists (
      select 1 from runs r join run_items ri on ri.run_id = r.id
      where r.status in ('queued', 'running') and ri.lease_owner = ${owner}
    ) as open`);
  return Boolean(rowsOf<{ open: boolean }>(result)[0]?.open);
}
