import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { judgeJobs } from "../schema";

export type JudgeJobRow = typeof judgeJobs.$inferSelect;

/** Records a job as running under `owner` (a new row, or the same settings started again). */
export async function markJudgeJobRunning(
  db: Db,
  job: { key: string; judgeModelId: string; mode: string; runIds: string[]; maxItems: number | null; owner: string },
): Promise<void> {
  await db
    .insert(judgeJobs)
    .values({ ...job, status: "running" })
    .onConflictDoUpdate({
      target: judgeJobs.key,
      set: { status: "running", owner: job.owner, maxItems: job.maxItems, outcome: null, updatedAt: sql`now()` },
    });
}

/** Marks a job finished, unless another process has taken it over since. */
export async function markJudgeJobFinished(db: Db, { key, owner, outcome }: { key: string; owner: string; outcome: unknown }): Promise<void> {
  await db
    .update(judgeJobs)
    .set({ status: "finished", outcome, updatedAt: sql`now()` })
    .where(and(eq(judgeJobs.key, key), eq(judgeJobs.owner, owner)));
}

export async function listRunningJudgeJobs(db: Db): Promise<JudgeJobRow[]> {
  return db.select().from(judgeJobs).where(eq(judgeJobs.status, "running"));
}

/** Takes a running job over from `from` (a dead process); false when someone else took it first. */
export async function takeOverJudgeJob(db: Db, { key, from, to }: { key: string; from: string; to: string }): Promise<boolean> {
  const taken = await db
    .update(judgeJobs)
    .set({ owner: to, updatedAt: sql`now()` })
    .where(and(eq(judgeJobs.key, key), eq(judgeJobs.owner, from), eq(judgeJobs.status, "running")))
    .returning({ key: judgeJobs.key });
  return taken.length === 1;
}

export async function getJudgeJob(db: Db, { key }: { key: string }): Promise<JudgeJobRow | null> {
  const [row] = await db.select().from(judgeJobs).where(eq(judgeJobs.key, key));
  return row ?? null;
}
