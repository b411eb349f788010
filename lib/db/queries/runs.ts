import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { isTransactionRollback } from "../errors";
import { models, type Run, runItems, runs, suites } from "../schema";

export interface CreateRunInput {
  modelId: string;
  suiteId: string;
  suiteVersion: string;
  settings: Record<string, unknown>;
  configHash: string;
  /** Evaluate only the first `limit` test items (by position). */
  limit?: number;
  /** Only items of these subsets (subject, department...). */
  subsets?: string[];
  samples: number;
}

/** Inserts the run and its whole queue (items x samples) in one transaction; null when no item matches. */
export async function createRunWithItems(db: Db, input: CreateRunInput): Promise<Run | null> {
  try {
    return await insertRunWithItems(db, input);
  } catch (error) {
    if (isTransactionRollback(error)) return null;
    throw error;
  }
}

async function insertRunWithItems(db: Db, input: CreateRunInput): Promise<Run> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(runs)
      .values({
        modelId: input.modelId,
        suiteId: input.suiteId,
        suiteVersion: input.suiteVersion,
        settings: input.settings,
        configHash: input.configHash,
        status: "queued",
      })
      .returning();
    const subsetFilter = input.subsets?.length
      ? sql`and si.subset in (${sql.join(input.subsets.map((s) => sql`${s}`), sql`, `)})`
      : sql``;
    const limit = input.limit ? sql`limit ${input.limit}` : sql``;
    await tx.execute(sql`
      insert into run_items (run_id, item_id, sample)
      select ${run.id}::uuid, si.id, s.sample
      from (
        select si.id, si.position from suite_items si
        where si.suite_id = ${input.suiteId} and si.split = 'test' ${subsetFilter}
        order by si.position ${limit}
      ) si
      cross join generate_series(0, ${input.samples - 1}::int) as s(sample)
      order by si.position, s.sample`);
    const [{ total }] = await tx
      .select({ total: sql<number>`count(*)::int` })
      .from(runItems)
      .where(eq(runItems.runId, run.id));
    if (total === 0) tx.rollback();
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
      },
    })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(suiteId ? eq(runs.suiteId, suiteId) : undefined)
    .orderBy(desc(runs.createdAt))
    .limit(limit);
}

/** Finished runs with their metrics, for the leaderboard and comparison charts. */
export async function listCompletedRuns(db: Db) {
  return db
    .select({ run: runs, modelName: models.name, provider: models.provider, taskKind: suites.taskKind, suiteName: suites.name })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(eq(runs.status, "completed"))
    .orderBy(desc(runs.finishedAt));
}

export async function setRunStatus(
  db: Db,
  { id, status, from, error }: { id: string; status: string; from?: string[]; error?: string | null },
): Promise<Run | null> {
  const [row] = await db
    .update(runs)
    .set({
      status,
      ...(error !== undefined ? { error } : {}),
      ...(status === "running" ? { startedAt: sql`coalesce(${runs.startedAt}, now())` } : {}),
      ...(status === "cancelled" || status === "failed" ? { finishedAt: new Date() } : {}),
    })
    .where(from ? and(eq(runs.id, id), inArray(runs.status, from)) : eq(runs.id, id))
    .returning();
  return row ?? null;
}

export async function finishRun(
  db: Db,
  {
    id,
    metrics,
    ci,
    summary,
  }: { id: string; metrics: Record<string, number>; ci: Record<string, [number, number]>; summary: Record<string, unknown> },
): Promise<void> {
  await db
    .update(runs)
    .set({ status: "completed", metrics, ci, summary, finishedAt: new Date(), error: null })
    .where(eq(runs.id, id));
}

/**
 * Runs a runner should work on: queued or running, with work that is pending or whose lease ran out, or with
 * no work left at all (a runner stopped between its last write and the aggregation, which still has to happen).
 */
export async function listClaimableRunIds(db: Db): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select r.id from runs r
    where r.status in ('queued', 'running')
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
