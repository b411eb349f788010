import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { FINISHED_STATUSES, type RunStatus } from "@/lib/run-status";
import type { RunSettings } from "@/lib/tasks/settings";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { isTransactionRollback } from "../errors";
import { safeTextOrNull } from "../safe-text";
import { models, type Run, runItems, runs, suites } from "../schema";

export interface CreateRunInput {
  modelId: string;
  suiteId: string;
  suiteVersion: string;
  settings: RunSettings;
  configHash: string;
  /** The suite items to evaluate (already sampled and restricted), queued in suite order. */
  itemIds: string[];
  /** The suite's test items when the run is created: what full coverage means. */
  suiteItemCount: number;
  samples: number;
  label?: string | null;
}

/** Inserts the run and its whole queue (items x samples) in one transaction; null when no item is given. */
export async function createRunWithItems(db: Db, input: CreateRunInput): Promise<Run | null> {
  if (input.itemIds.length === 0) return null;
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(runs)
      .values({
        modelId: input.modelId,
        suiteId: input.suiteId,
        suiteVersion: input.suiteVersion,
        settings: input.settings,
        configHash: input.configHash,
        label: input.label ?? null,
        status: "queued",
        itemCount: input.itemIds.length,
        suiteItemCount: input.suiteItemCount,
      })
      .returning();
    // One parameter whatever the number of items: the ids as a JSON array.
    await tx.execute(sql`
      insert into run_items (run_id, item_id, sample)
      select ${run.id}::uuid, si.id, s.sample
      from suite_items si
      join jsonb_array_elements_text(${JSON.stringify(input.itemIds)}::jsonb) as chosen(id) on si.id = chosen.id::uuid
      cross join generate_series(0, ${input.samples - 1}::int) as s(sample)
      where si.suite_id = ${input.suiteId}
      order by si.position, s.sample`);
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(runItems)
      .where(eq(runItems.runId, run.id));
    const [updated] = await tx.update(runs).set({ total }).where(eq(runs.id, run.id)).returning();
    return updated;
  });
}

export async function getRun(db: Db, { id }: { id: string }): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

/** Recent runs with their model and suite names and how many of their items are done or failed. */
export async function listRuns(db: Db, { limit = 100, suiteId }: { limit?: number; suiteId?: string } = {}) {
  return db
    .select({
      run: runs,
      modelName: models.name,
      provider: models.provider,
      suiteName: suites.name,
      taskKind: suites.taskKind,
      progress: {
        done: sql<number>`(select count(*)::int from run_items ri where ri.run_id = ${runs.id} and ri.status = 'done')`,
        errors: sql<number>`(select count(*)::int from run_items ri where ri.run_id = ${runs.id} and ri.status = 'error')`,
        itemsRun: sql<number>`(select count(distinct ri.item_id)::int from run_items ri where ri.run_id = ${runs.id} and ri.status in ('done', 'error'))`,
      },
    })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(suiteId ? eq(runs.suiteId, suiteId) : undefined)
    .orderBy(desc(runs.createdAt))
    .limit(limit);
}

/** Finished runs (with or without errors) with their metrics, for the leaderboard and comparison charts. */
export async function listCompletedRuns(db: Db) {
  return db
    .select({ run: runs, modelName: models.name, provider: models.provider, taskKind: suites.taskKind, suiteName: suites.name })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(inArray(runs.status, [...FINISHED_STATUSES]))
    .orderBy(desc(runs.finishedAt));
}

export async function setRunStatus(
  db: Db,
  { id, status, from, error }: { id: string; status: RunStatus; from?: readonly RunStatus[]; error?: string | null },
): Promise<Run | null> {
  const [row] = await db
    .update(runs)
    .set({
      status,
      ...(error !== undefined ? { error: safeTextOrNull(error) } : {}),
      ...(status === "running" ? { startedAt: sql`coalesce(${runs.startedAt}, now())` } : {}),
      ...(status === "cancelled" || status === "failed" ? { finishedAt: new Date() } : {}),
    })
    .where(from ? and(eq(runs.id, id), inArray(runs.status, [...from])) : eq(runs.id, id))
    .returning();
  return row ?? null;
}

export async function finishRun(
  db: Db,
  {
    id,
    status,
    metrics,
    ci,
    summary,
  }: {
    id: string;
    status: "completed" | "completed_with_errors";
    metrics: Record<string, number>;
    ci: Record<string, [number, number]>;
    summary: Record<string, unknown>;
  },
): Promise<void> {
  await db.update(runs).set({ status, metrics, ci, summary, finishedAt: new Date(), error: null }).where(eq(runs.id, id));
}

/**
 * Runs a runner should work on: queued or running, with work that is pending or whose lease ran out, or with
 * no work left at all (a runner stopped between its last write and the aggregation, which still has to happen).
 * A browser model's runs are left to the browser tabs that claim their items through the API.
 */
export async function listClaimableRunIds(db: Db): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select r.id from runs r
    where r.status in ('queued', 'running')
      and (select m.provider from models m where m.id = r.model_id) <> 'browser'
      and (
        exists (
          select 1 from run_items ri
          where ri.run_id = r.id
            and (ri.status = 'pending' or (ri.status = 'running' and ri.lease_until < now()))
        )
        or not exists (
          select 1 from run_items ri where ri.run_id = r.id and ri.status in ('pending', 'running')
        )
      )
    order by r.created_at`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

/** drizzle returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function setRunLabel(db: Db, { id, label }: { id: string; label: string | null }): Promise<Run | null> {
  const [row] = await db.update(runs).set({ label }).where(eq(runs.id, id)).returning();
  return row ?? null;
}

/** Deletes a run that no runner works on, with its items (cascade); false when it is active or missing. */
export async function deleteInactiveRun(db: Db, { id }: { id: string }): Promise<boolean> {
  const rows = await db
    .delete(runs)
    .where(and(eq(runs.id, id), sql`${runs.status} not in ('queued', 'running')`))
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** Stores metrics without finishing the run, only while it has the given status. */
export async function saveRunResults(
  db: Db,
  {
    id,
    whileStatus,
    metrics,
    ci,
    summary,
  }: {
    id: string;
    whileStatus: RunStatus;
    metrics: Record<string, number>;
    ci: Record<string, [number, number]>;
    summary: Record<string, unknown>;
  },
): Promise<void> {
  await db.update(runs).set({ metrics, ci, summary }).where(and(eq(runs.id, id), eq(runs.status, whileStatus)));
}
