import { desc, eq, sql } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { runs, suites } from "../schema";

/** Every run of one model (newest first, bounded) with its suite and whether it is pinned to the leaderboard. */
export async function listModelRuns(db: Db, { modelId, limit = 500 }: { modelId: string; limit?: number }) {
  if (!isUuid(modelId)) return [];
  return db
    .select({
      id: runs.id,
      label: runs.label,
      status: runs.status,
      settings: runs.settings,
      metrics: runs.metrics,
      ci: runs.ci,
      summary: runs.summary,
      itemCount: runs.itemCount,
      suiteItemCount: runs.suiteItemCount,
      total: runs.total,
      suiteVersion: runs.suiteVersion,
      createdAt: runs.createdAt,
      finishedAt: runs.finishedAt,
      suiteId: suites.id,
      suiteName: suites.name,
      taskKind: suites.taskKind,
      currentVersion: sql<boolean>`${runs.suiteVersion} = ${suites.version}`,
      pinned: sql<boolean>`exists (select 1 from leaderboard_pins p where p.run_id = ${runs.id})`,
    })
    .from(runs)
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(eq(runs.modelId, modelId))
    .orderBy(desc(runs.createdAt))
    .limit(limit);
}
export type ModelRun = Awaited<ReturnType<typeof listModelRuns>>[number];
