import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { FINISHED_STATUSES } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import {
  judgements,
  models,
  raterResponses,
  raterTasks,
  raters,
  runItems,
  runs,
  type Rater,
  type Study,
  studies,
  suiteItems,
  suites,
} from "../schema";

export type NewStudy = typeof studies.$inferInsert;
export type NewRaterTask = Omit<typeof raterTasks.$inferInsert, "raterId" | "studyId" | "id">;

export async function insertStudy(db: Db, values: NewStudy): Promise<Study> {
  const [row] = await db.insert(studies).values(values).returning();
  return row;
}

export async function getStudy(db: Db, { id }: { id: string }): Promise<Study | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(studies).where(eq(studies.id, id)).limit(1);
  return row ?? null;
}

/** Studies newest first, with how many raters joined (revoked included) and how many answers came in. */
export async function listStudies(db: Db) {
  return db
    .select({
      id: studies.id,
      title: studies.title,
      status: studies.status,
      language: studies.language,
      deadline: studies.deadline,
      createdAt: studies.createdAt,
      raters: sql<number>`(select count(*)::int from raters r where r.study_id = "studies"."id")`,
      tasks: sql<number>`(select count(*)::int from rater_tasks t where t.study_id = "studies"."id")`,
      answered: sql<number>`(
        (select count(*)::int from rater_responses rr join raters r on r.id = rr.rater_id where r.study_id = "studies"."id")
        + (select count(*)::int from judgements j where j.study_id = "studies"."id" and j.source = 'rater'))`,
    })
    .from(studies)
    .orderBy(desc(studies.createdAt));
}

export async function closeStudy(db: Db, { id, now }: { id: string; now: Date }): Promise<Study | null> {
  const [row] = await db.update(studies).set({ status: "closed", closedAt: now }).where(eq(studies.id, id)).returning();
  return row ?? null;
}

export async function setCohortToken(db: Db, { id, tokenHash }: { id: string; tokenHash: string | null }) {
  await db.update(studies).set({ cohortTokenHash: tokenHash, cohortRevokedAt: null }).where(eq(studies.id, id));
}

export async function getStudyByCohortHash(db: Db, { tokenHash }: { tokenHash: string }): Promise<Study | null> {
  const [row] = await db.select().from(studies).where(eq(studies.cohortTokenHash, tokenHash)).limit(1);
  return row ?? null;
}

/**
 * Adds a rater and their tasks in one transaction. The study row is locked so concurrent joins (a cohort link
 * opened by many at once) get distinct join positions, which is what the schedule balances over.
 */
export async function insertRaterWithTasks(
  db: Db,
  input: { studyId: string; tokenHash: string; kind: string; label: string | null },
  tasksFor: (raterIndex: number) => NewRaterTask[],
): Promise<Rater> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from studies where id = ${input.studyId} for update`);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(raters)
      .where(eq(raters.studyId, input.studyId));
    const [rater] = await tx.insert(raters).values(input).returning();
    const tasks = tasksFor(n);
    if (tasks.length > 0) {
      await tx.insert(raterTasks).values(tasks.map((t) => ({ ...t, raterId: rater.id, studyId: input.studyId })));
    }
    return rater;
  });
}

/** A rater by their token's hash, with their study; null when unknown. */
export async function getRaterByTokenHash(db: Db, { tokenHash }: { tokenHash: string }) {
  const [row] = await db
    .select({ rater: raters, study: studies })
    .from(raters)
    .innerJoin(studies, eq(studies.id, raters.studyId))
    .where(eq(raters.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function touchRater(db: Db, { id, now }: { id: string; now: Date }) {
  await db.update(raters).set({ lastSeenAt: now }).where(eq(raters.id, id));
}

export async function recordConsent(
  db: Db,
  { id, now, profile }: { id: string; now: Date; profile: Record<string, unknown> | null },
) {
  await db
    .update(raters)
    .set({ consentedAt: sql`coalesce(${raters.consentedAt}, ${now.toISOString()}::timestamptz)`, profile })
    .where(eq(raters.id, id));
}

/** Marks a rater of this study revoked (their answers stay, excluded by default); false when there is none. */
export async function revokeRater(db: Db, { studyId, raterId, now }: { studyId: string; raterId: string; now: Date }) {
  if (!isUuid(raterId)) return false;
  const rows = await db
    .update(raters)
    .set({ revokedAt: sql`coalesce(${raters.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(raters.id, raterId), eq(raters.studyId, studyId)))
    .returning({ id: raters.id });
  return rows.length > 0;
}

/** Each rater of a study with their progress (tasks answered of tasks given). */
export async function listRaterProgress(db: Db, { studyId }: { studyId: string }) {
  return db
    .select({
      id: raters.id,
      kind: raters.kind,
      label: raters.label,
      profile: raters.profile,
      consentedAt: raters.consentedAt,
      revokedAt: raters.revokedAt,
      createdAt: raters.createdAt,
      lastSeenAt: raters.lastSeenAt,
      tasks: sql<number>`(select count(*)::int from rater_tasks t where t.rater_id = "raters"."id")`,
      answered: sql<number>`(
        (select count(*)::int from rater_responses rr where rr.rater_id = "raters"."id")
        + (select count(*)::int from judgements j where j.rater_id = "raters"."id"))`,
    })
    .from(raters)
    .where(eq(raters.studyId, studyId))
    .orderBy(asc(raters.createdAt), asc(raters.id));
}

/** Per scheduled pair (item × runs): how many raters were given it and how many answered (revoked excluded). */
export async function listPairProgress(db: Db, { studyId }: { studyId: string }) {
  return db
    .select({
      itemId: raterTasks.itemId,
      externalId: suiteItems.externalId,
      runAId: raterTasks.runAId,
      runBId: raterTasks.runBId,
      given: sql<number>`count(*)::int`,
      answered: sql<number>`count(${judgements.id})::int`,
    })
    .from(raterTasks)
    .innerJoin(raters, eq(raters.id, raterTasks.raterId))
    .innerJoin(suiteItems, eq(suiteItems.id, raterTasks.itemId))
    .leftJoin(judgements, eq(judgements.taskId, raterTasks.id))
    .where(and(eq(raterTasks.studyId, studyId), eq(raterTasks.kind, "pair"), isNull(raters.revokedAt)))
    .groupBy(raterTasks.itemId, suiteItems.externalId, suiteItems.position, raterTasks.runAId, raterTasks.runBId)
    .orderBy(asc(suiteItems.position), asc(raterTasks.runAId), asc(raterTasks.runBId));
}

/** A rater's tasks in order, with the suite item and any answer already given. */
export async function listRaterTasks(db: Db, { raterId }: { raterId: string }) {
  return db
    .select({
      id: raterTasks.id,
      ordinal: raterTasks.ordinal,
      kind: raterTasks.kind,
      itemId: raterTasks.itemId,
      suiteId: suiteItems.suiteId,
      input: suiteItems.input,
      gold: suiteItems.gold,
      runAId: raterTasks.runAId,
      runBId: raterTasks.runBId,
      leftRunId: raterTasks.leftRunId,
      value: raterResponses.value,
      choice: judgements.choice,
      correctness: judgements.correctness,
      safety: judgements.safety,
      comment: judgements.comment,
      ratedRunId: judgements.ratedRunId,
      judged: judgements.id,
    })
    .from(raterTasks)
    .innerJoin(suiteItems, eq(suiteItems.id, raterTasks.itemId))
    .leftJoin(raterResponses, eq(raterResponses.taskId, raterTasks.id))
    .leftJoin(judgements, eq(judgements.taskId, raterTasks.id))
    .where(eq(raterTasks.raterId, raterId))
    .orderBy(asc(raterTasks.ordinal));
}

/** One of this rater's tasks with its item and the item's suite config; null when it is not theirs. */
export async function getRaterTask(db: Db, { raterId, taskId }: { raterId: string; taskId: string }) {
  if (!isUuid(taskId)) return null;
  const [row] = await db
    .select({ task: raterTasks, input: suiteItems.input, config: suites.config })
    .from(raterTasks)
    .innerJoin(suiteItems, eq(suiteItems.id, raterTasks.itemId))
    .innerJoin(suites, eq(suites.id, suiteItems.suiteId))
    .where(and(eq(raterTasks.id, taskId), eq(raterTasks.raterId, raterId)))
    .limit(1);
  return row ?? null;
}

/** One answer per (rater, scale item): a retry stores the same row again, a changed answer replaces it. */
export async function upsertScaleResponse(
  db: Db,
  values: { raterId: string; taskId: string; itemId: string; value: number; letterPosition: number | null },
) {
  await db
    .insert(raterResponses)
    .values(values)
    .onConflictDoUpdate({
      target: [raterResponses.raterId, raterResponses.itemId],
      set: { value: values.value, letterPosition: values.letterPosition },
    });
}

/** One judgement per (rater, task), likewise. */
export async function upsertRaterJudgement(db: Db, values: typeof judgements.$inferInsert) {
  const { choice, ratedRunId, correctness, safety, comment } = values;
  await db
    .insert(judgements)
    .values(values)
    .onConflictDoUpdate({
      target: [judgements.raterId, judgements.taskId],
      set: { choice, ratedRunId, correctness, safety, comment },
    });
}

/** Scale items of the given suites in administration order. */
export async function listScaleItems(db: Db, { suiteIds }: { suiteIds: string[] }) {
  if (suiteIds.length === 0) return [];
  return db
    .select({ id: suiteItems.id, suiteId: suiteItems.suiteId, input: suiteItems.input, gold: suiteItems.gold })
    .from(suiteItems)
    .innerJoin(suites, eq(suites.id, suiteItems.suiteId))
    .where(
      and(
        inArray(suiteItems.suiteId, suiteIds),
        eq(suites.taskKind, "scale"),
        eq(suiteItems.split, "test"),
        isNull(suiteItems.retiredAt),
      ),
    )
    .orderBy(asc(suiteItems.suiteId), asc(suiteItems.position));
}

export async function listScaleSuiteConfigs(db: Db, { suiteIds }: { suiteIds: string[] }) {
  if (suiteIds.length === 0) return [];
  return db
    .select({ id: suites.id, name: suites.name, config: suites.config })
    .from(suites)
    .where(and(inArray(suites.id, suiteIds), eq(suites.taskKind, "scale")));
}

/** Items every one of the runs answered (first sample done), in suite order. */
export async function listItemsAnsweredByAll(db: Db, { runIds }: { runIds: string[] }): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .select({ itemId: runItems.itemId })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(inArray(runItems.runId, runIds), eq(runItems.sample, 0), eq(runItems.status, "done")))
    .groupBy(runItems.itemId, suiteItems.position)
    .having(sql`count(distinct ${runItems.runId}) = ${runIds.length}`)
    .orderBy(asc(suiteItems.position));
  return rows.map((r) => r.itemId);
}

/** The first-sample answers of these runs to these items (text only: never the model). */
export async function listRunAnswers(db: Db, { runIds, itemIds }: { runIds: string[]; itemIds: string[] }) {
  if (runIds.length === 0 || itemIds.length === 0) return [];
  return db
    .select({ runId: runItems.runId, itemId: runItems.itemId, rawResponse: runItems.rawResponse })
    .from(runItems)
    .where(and(inArray(runItems.runId, runIds), inArray(runItems.itemId, itemIds), eq(runItems.sample, 0)));
}

/** Runs that can be rated: finished open-QA or dialogue runs, with model and suite. */
export async function listRateableRuns(db: Db) {
  return db
    .select({
      id: runs.id,
      label: runs.label,
      suiteId: runs.suiteId,
      suiteName: suites.name,
      taskKind: suites.taskKind,
      modelId: runs.modelId,
      modelName: models.name,
      finishedAt: runs.finishedAt,
    })
    .from(runs)
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .innerJoin(models, eq(models.id, runs.modelId))
    .where(and(inArray(runs.status, [...FINISHED_STATUSES]), inArray(suites.taskKind, ["open_qa", "dialogue"])))
    .orderBy(desc(runs.finishedAt));
}

/** Model names of runs, for the researcher's views (never a rater's). */
export async function listRunModels(db: Db, { runIds }: { runIds: string[] }) {
  if (runIds.length === 0) return [];
  return db
    .select({ runId: runs.id, modelName: models.name })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .where(inArray(runs.id, runIds));
}

/** Every non-revoked rater's scale answers in a study, per rater, with the item's suite and number. */
export async function listStudyScaleResponses(db: Db, { studyId, includeRevoked }: { studyId: string; includeRevoked: boolean }) {
  return db
    .select({
      raterId: raters.id,
      raterLabel: raters.label,
      revokedAt: raters.revokedAt,
      suiteId: suiteItems.suiteId,
      input: suiteItems.input,
      value: raterResponses.value,
      letterPosition: raterResponses.letterPosition,
    })
    .from(raterResponses)
    .innerJoin(raters, eq(raters.id, raterResponses.raterId))
    .innerJoin(suiteItems, eq(suiteItems.id, raterResponses.itemId))
    .where(and(eq(raters.studyId, studyId), includeRevoked ? undefined : isNull(raters.revokedAt)));
}

/** Every rater's pair judgements in a study. */
export async function listStudyPairJudgements(db: Db, { studyId }: { studyId: string }) {
  return db
    .select({
      raterId: judgements.raterId,
      revokedAt: raters.revokedAt,
      runAId: judgements.runAId,
      runBId: judgements.runBId,
      leftRunId: judgements.leftRunId,
      choice: judgements.choice,
    })
    .from(judgements)
    .innerJoin(raters, eq(raters.id, judgements.raterId))
    .where(and(eq(judgements.studyId, studyId), eq(judgements.source, "rater")));
}

/** Scale answers of every rater of every open or closed study for one scale suite (the audit's clinicians row). */
export async function listClinicianScaleResponses(db: Db, { suiteId }: { suiteId: string }) {
  return db
    .select({
      raterId: raters.id,
      studyId: raters.studyId,
      input: suiteItems.input,
      value: raterResponses.value,
      letterPosition: raterResponses.letterPosition,
    })
    .from(raterResponses)
    .innerJoin(raters, eq(raters.id, raterResponses.raterId))
    .innerJoin(suiteItems, eq(suiteItems.id, raterResponses.itemId))
    .where(and(eq(suiteItems.suiteId, suiteId), isNull(raters.revokedAt)));
}
