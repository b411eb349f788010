import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { ContaminationFailure } from "@/lib/validation/contamination";
import { FINISHED_STATUSES } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { safeValue } from "../safe-text";
import { type ContaminationIndex, contaminationIndexes, models, runItems, runs, suiteItems } from "../schema";

export type NewContaminationIndex = Omit<ContaminationIndex, "createdAt" | "status" | "error" | "errorKind" | "builder"> &
  Partial<Pick<ContaminationIndex, "status" | "builder">>;

export async function insertContaminationIndex(db: Db, row: NewContaminationIndex): Promise<ContaminationIndex> {
  const [saved] = await db.insert(contaminationIndexes).values(safeValue(row)).returning();
  return saved;
}

export type BuiltFigures = Pick<ContaminationIndex, "documents" | "characters" | "fingerprints" | "corpusBytes" | "indexBytes">;

/** Records a finished build; null when the row was deleted meanwhile. */
export async function markContaminationIndexReady(db: Db, { id, figures }: { id: string; figures: BuiltFigures }) {
  const [row] = await db
    .update(contaminationIndexes)
    .set({ ...figures, status: "ready", error: null, builder: null })
    .where(and(eq(contaminationIndexes.id, id), eq(contaminationIndexes.status, "building")))
    .returning();
  return row ?? null;
}

export async function markContaminationIndexFailed(
  db: Db,
  { id, kind, detail = null }: { id: string; kind: ContaminationFailure; detail?: string | null },
) {
  const [row] = await db
    .update(contaminationIndexes)
    .set(safeValue({ status: "failed", errorKind: kind, error: detail?.slice(0, 2000) ?? null, builder: null }))
    .where(and(eq(contaminationIndexes.id, id), eq(contaminationIndexes.status, "building")))
    .returning();
  return row ?? null;
}

/** The builds under way, with the process that runs each (to find those a dead process left). */
export async function listBuildingContaminationIndexes(db: Db) {
  return db
    .select({ id: contaminationIndexes.id, builder: contaminationIndexes.builder })
    .from(contaminationIndexes)
    .where(eq(contaminationIndexes.status, "building"));
}

export async function listContaminationIndexes(db: Db): Promise<ContaminationIndex[]> {
  return db.select().from(contaminationIndexes).orderBy(desc(contaminationIndexes.createdAt));
}

export async function getContaminationIndex(db: Db, { id }: { id: string }): Promise<ContaminationIndex | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(contaminationIndexes).where(eq(contaminationIndexes.id, id)).limit(1);
  return row ?? null;
}

export async function deleteContaminationIndex(db: Db, { id }: { id: string }): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await db.delete(contaminationIndexes).where(eq(contaminationIndexes.id, id)).returning({ id: contaminationIndexes.id });
  return deleted.length > 0;
}

/** A suite's finished runs (the ones the leaderboard lists), newest first, with their model's name. */
export async function listFinishedRunsOfSuite(db: Db, { suiteId }: { suiteId: string }) {
  return db
    .select({ run: runs, modelName: models.name })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .where(and(eq(runs.suiteId, suiteId), inArray(runs.status, [...FINISHED_STATUSES])))
    .orderBy(desc(runs.finishedAt));
}

/** A run's finished rows as aggregation takes them, each with the suite item it answers (to leave some out). */
export async function listFinishedRunItemsWithItem(db: Db, { runId }: { runId: string }) {
  return db
    .select({
      itemId: runItems.itemId,
      sample: runItems.sample,
      outcome: runItems.outcome,
      parsed: runItems.parsed,
      scores: runItems.scores,
      subset: suiteItems.subset,
      itemN: sql<number | null>`(${suiteItems.input}->>'n')::int`,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(eq(runItems.runId, runId), eq(runItems.status, "done")))
    .orderBy(asc(runItems.id));
}
