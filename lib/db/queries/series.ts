import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { FINISHED_STATUSES } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { safeText, safeValue } from "../safe-text";
import { checkpoints, models, type NewModel, runs, suites, type TrainingLogPoint, trainingLogs } from "../schema";

/** A series' checkpoints in step order, each with its own model row's name and served model id. */
export async function listCheckpoints(db: Db, { seriesModelId }: { seriesModelId: string }) {
  if (!isUuid(seriesModelId)) return [];
  return db
    .select({
      id: checkpoints.id,
      name: checkpoints.name,
      step: checkpoints.step,
      stage: checkpoints.stage,
      modelId: checkpoints.modelId,
      modelName: models.name,
      servedModelId: models.modelId,
    })
    .from(checkpoints)
    .innerJoin(models, eq(models.id, checkpoints.modelId))
    .where(eq(checkpoints.seriesModelId, seriesModelId))
    .orderBy(asc(checkpoints.step), asc(checkpoints.name));
}
export type CheckpointRow = Awaited<ReturnType<typeof listCheckpoints>>[number];

/** The checkpoint's model row and the checkpoint in one transaction: neither exists without the other. */
export async function createCheckpoint(
  db: Db,
  { seriesModelId, name, step, stage, model }: { seriesModelId: string; name: string; step: number; stage: string; model: NewModel },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(models).values(safeValue(model)).returning();
    const [checkpoint] = await tx
      .insert(checkpoints)
      .values({ seriesModelId, modelId: row.id, name: safeText(name), step, stage })
      .returning();
    return { checkpoint, model: row };
  });
}

/** The series a model belongs to as a checkpoint, or null. */
export async function getCheckpointOfModel(db: Db, { modelId }: { modelId: string }) {
  if (!isUuid(modelId)) return null;
  const [row] = await db.select().from(checkpoints).where(eq(checkpoints.modelId, modelId)).limit(1);
  return row ?? null;
}

export async function createTrainingLog(
  db: Db,
  values: { seriesModelId: string; name: string; format: string; metrics: string[]; points: TrainingLogPoint[] },
) {
  const [row] = await db.insert(trainingLogs).values(safeValue(values)).returning();
  return row;
}

export async function listTrainingLogs(db: Db, { seriesModelId }: { seriesModelId: string }) {
  if (!isUuid(seriesModelId)) return [];
  return db.select().from(trainingLogs).where(eq(trainingLogs.seriesModelId, seriesModelId)).orderBy(asc(trainingLogs.createdAt));
}

/** Finished runs of the given models, newest first, with what a series or lineage view needs of their suite. */
export async function listFinishedRunsOfModels(db: Db, { modelIds }: { modelIds: string[] }) {
  const ids = modelIds.filter(isUuid);
  if (ids.length === 0) return [];
  return db
    .select({
      id: runs.id,
      modelId: runs.modelId,
      suiteId: runs.suiteId,
      suiteVersion: runs.suiteVersion,
      settings: runs.settings,
      metrics: runs.metrics,
      ci: runs.ci,
      finishedAt: runs.finishedAt,
      suiteName: suites.name,
      taskKind: suites.taskKind,
    })
    .from(runs)
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(and(inArray(runs.modelId, ids), inArray(runs.status, [...FINISHED_STATUSES])))
    .orderBy(desc(runs.finishedAt), desc(runs.createdAt))
    .limit(5000);
}
export type FinishedRunRow = Awaited<ReturnType<typeof listFinishedRunsOfModels>>[number];
