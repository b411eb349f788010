import { and, asc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { judgements, models, raters, runItems, runs, suiteItems, suites } from "../schema";

export type NewJudgement = typeof judgements.$inferInsert;

const runA = alias(runs, "run_a");
const runB = alias(runs, "run_b");
const modelA = alias(models, "model_a");
const modelB = alias(models, "model_b");

/** Rater judgements (of one study, or of all) with what an export or the statistics need: item, models, rater state. */
export async function listStudyRaterJudgements(db: Db, { studyId }: { studyId?: string }) {
  return db
    .select({
      id: judgements.id,
      studyId: judgements.studyId,
      raterId: judgements.raterId,
      raterRevokedAt: raters.revokedAt,
      itemId: judgements.itemId,
      itemExternalId: suiteItems.externalId,
      suiteId: suiteItems.suiteId,
      taskKind: suites.taskKind,
      input: suiteItems.input,
      runAId: judgements.runAId,
      runBId: judgements.runBId,
      modelA: modelA.name,
      modelB: modelB.name,
      leftRunId: judgements.leftRunId,
      choice: judgements.choice,
      ratedRunId: judgements.ratedRunId,
      correctness: judgements.correctness,
      safety: judgements.safety,
      comment: judgements.comment,
      createdAt: judgements.createdAt,
    })
    .from(judgements)
    .innerJoin(raters, eq(raters.id, judgements.raterId))
    .innerJoin(suiteItems, eq(suiteItems.id, judgements.itemId))
    .innerJoin(suites, eq(suites.id, suiteItems.suiteId))
    .innerJoin(runA, eq(runA.id, judgements.runAId))
    .innerJoin(modelA, eq(modelA.id, runA.modelId))
    .leftJoin(runB, eq(runB.id, judgements.runBId))
    .leftJoin(modelB, eq(modelB.id, runB.modelId))
    .where(and(studyId ? eq(judgements.studyId, studyId) : undefined, eq(judgements.source, "rater")))
    .orderBy(asc(judgements.createdAt), asc(judgements.id));
}
export type StudyRaterJudgement = Awaited<ReturnType<typeof listStudyRaterJudgements>>[number];

/** A finished run's answered items (first sample) with the item input, for a judge to grade. */
export async function listJudgeableItems(db: Db, { runId }: { runId: string }) {
  return db
    .select({ itemId: runItems.itemId, input: suiteItems.input, answer: runItems.rawResponse })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(eq(runItems.runId, runId), eq(runItems.sample, 0), isNotNull(runItems.rawResponse)))
    .orderBy(asc(suiteItems.position));
}

const judgeColumns = {
  id: judgements.id,
  judgeModelId: judgements.judgeModelId,
  judgeName: models.name,
  itemId: judgements.itemId,
  runAId: judgements.runAId,
  runBId: judgements.runBId,
  leftRunId: judgements.leftRunId,
  choice: judgements.choice,
  ratedRunId: judgements.ratedRunId,
  correctness: judgements.correctness,
  safety: judgements.safety,
  error: judgements.error,
};

/** Every judge model's judgements on a run, alone or paired with another run (either side). */
export async function listJudgeJudgementsTouching(db: Db, { runId }: { runId: string }) {
  return db
    .select(judgeColumns)
    .from(judgements)
    .innerJoin(models, eq(models.id, judgements.judgeModelId))
    .where(and(eq(judgements.source, "judge"), or(eq(judgements.runAId, runId), eq(judgements.runBId, runId))));
}

/** Judgements a judge model already made on these runs (any study or none). */
export async function listJudgeJudgements(db: Db, { judgeModelId, runIds }: { judgeModelId?: string; runIds: string[] }) {
  if (runIds.length === 0) return [];
  return db
    .select(judgeColumns)
    .from(judgements)
    .innerJoin(models, eq(models.id, judgements.judgeModelId))
    .where(
      and(
        eq(judgements.source, "judge"),
        inArray(judgements.runAId, runIds),
        judgeModelId ? eq(judgements.judgeModelId, judgeModelId) : undefined,
      ),
    );
}
export type JudgeJudgement = Awaited<ReturnType<typeof listJudgeJudgements>>[number];

export async function insertJudgeJudgement(db: Db, values: Omit<NewJudgement, "source" | "raterId" | "taskId">) {
  const [row] = await db.insert(judgements).values({ ...values, source: "judge" }).returning({ id: judgements.id });
  return row;
}


/** Clinicians' judgements (any study, revoked raters left out) touching these runs. */
export async function listClinicianJudgementsForRuns(db: Db, { runIds }: { runIds: string[] }) {
  if (runIds.length === 0) return [];
  return db
    .select({
      itemId: judgements.itemId,
      runAId: judgements.runAId,
      runBId: judgements.runBId,
      choice: judgements.choice,
      ratedRunId: judgements.ratedRunId,
      correctness: judgements.correctness,
      safety: judgements.safety,
    })
    .from(judgements)
    .innerJoin(raters, eq(raters.id, judgements.raterId))
    .where(and(eq(judgements.source, "rater"), isNull(raters.revokedAt), inArray(judgements.runAId, runIds)));
}
export type ClinicianJudgement = Awaited<ReturnType<typeof listClinicianJudgementsForRuns>>[number];
