import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { FINISHED_STATUSES } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { models, runItems, runs, suiteItems, suites } from "../schema";

const scaleRunFields = {
  runId: runs.id,
  suiteId: runs.suiteId,
  modelId: runs.modelId,
  modelName: models.name,
  provider: models.provider,
  modelRef: models.modelId,
  settings: runs.settings,
  metrics: runs.metrics,
  ci: runs.ci,
  summary: runs.summary,
  finishedAt: runs.finishedAt,
};

const scaleSuiteFields = {
  id: suites.id,
  name: suites.name,
  citation: suites.citation,
  licence: suites.licence,
  config: suites.config,
  testCount: suites.testCount,
};

/** Attitude-scale suites with what the audit pages show about them (citation, licence, scale config). */
export async function listScaleSuites(db: Db) {
  return db
    .select(scaleSuiteFields)
    .from(suites)
    .where(eq(suites.taskKind, "scale"))
    .orderBy(asc(suites.id));
}

/** Completed runs of the given scale suites with their model, newest first. */
export async function listCompletedScaleRuns(db: Db, { suiteIds }: { suiteIds: string[] }) {
  if (suiteIds.length === 0) return [];
  return db
    .select(scaleRunFields)
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .where(and(inArray(runs.status, [...FINISHED_STATUSES]), inArray(runs.suiteId, suiteIds)))
    .orderBy(desc(runs.finishedAt));
}

/** One run of a scale suite with its model and suite; null for another task kind or an unknown id. */
export async function getScaleRunForAudit(db: Db, { runId }: { runId: string }) {
  if (!isUuid(runId)) return null;
  const [row] = await db
    .select({
      run: scaleRunFields,
      status: runs.status,
      suite: scaleSuiteFields,
    })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(and(eq(runs.id, runId), eq(suites.taskKind, "scale")))
    .limit(1);
  return row ?? null;
}

/** Every administration of a scale run with its item, in item order then administration order. */
export async function listAuditRunItems(db: Db, { runId }: { runId: string }) {
  if (!isUuid(runId)) return [];
  return db
    .select({
      itemId: runItems.itemId,
      sample: runItems.sample,
      status: runItems.status,
      outcome: runItems.outcome,
      rawResponse: runItems.rawResponse,
      parsed: runItems.parsed,
      error: runItems.error,
      input: suiteItems.input,
      gold: suiteItems.gold,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(eq(runItems.runId, runId))
    .orderBy(asc(suiteItems.position), asc(runItems.sample));
}
