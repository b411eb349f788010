import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunStatus } from "@/lib/run-status";
import type { SuiteDefinition, TaskKind } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type Database, openDatabase } from "../client";
import { type TestDatabase, testEngines } from "../testing";
import { insertJudgeJudgement } from "./judgements";
import { createModel } from "./models";
import { claimRunItems, type ItemResult, saveItemResults } from "./run-items";
import { createRunWithItems, finishRun, setRunStatus } from "./runs";
import {
  closeStudy,
  getRaterByTokenHash,
  getRaterTask,
  getStudy,
  getStudyByCohortHash,
  insertRaterWithTasks,
  insertStudy,
  listClinicianScaleResponses,
  listItemsAnsweredByAll,
  listPairProgress,
  listRateableRuns,
  listRaterProgress,
  listRaterTasks,
  listRunAnswers,
  listRunModels,
  listScaleItems,
  listScaleSuiteConfigs,
  listStudies,
  listStudyPairJudgements,
  listStudyScaleResponses,
  recordConsent,
  revokeRater,
  setCohortToken,
  touchRater,
  type NewRaterTask,
  upsertRaterJudgement,
  upsertScaleResponse,
} from "./studies";
import { listRunCandidates, saveSuite } from "./suites";

function suiteOf(id: string, taskKind: TaskKind, n: number, over: Partial<SuiteDefinition> = {}): SuiteDefinition {
  return {
    id,
    name: { en: `Suite ${id}`, zh: `套件 ${id}` },
    taskKind,
    licence: "CC0",
    source: "unit test",
    config: { tag: id },
    items: Array.from({ length: n }, (_, i) => ({
      externalId: `${id}-${i}`,
      split: "test" as const,
      input: { question: `${id} 问题 ${i}`, n: i + 1 },
      gold: { references: [`参考 ${i}`] },
    })),
    ...over,
  };
}

const T0 = new Date("2026-04-01T08:00:00Z");
const T1 = new Date("2026-04-02T08:00:00Z");

describe.each(testEngines())("clinician study queries on $name", (engine) => {
  let database: TestDatabase;
  let qaItems: string[];
  const modelIds: string[] = [];
  let tagCount = 0;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite: suiteOf("sq-qa", "open_qa", 4), version: "v1", bundled: false });
    qaItems = (await listRunCandidates(database.db, { suiteId: "sq-qa" })).map((c) => c.id);
    for (const name of ["sq-model-0", "sq-model-1", "sq-model-2"]) {
      modelIds.push((await createModel(database.db, { name, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: name })).id);
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /**
   * A run of the model on the suite; `answer(index, sample)` gives an item's answer text, null for an error, or
   * undefined to leave it unanswered. Runs end completed unless told otherwise.
   */
  async function runOf(
    suiteId: string,
    model: number,
    answer: (index: number, sample: number) => string | null | undefined,
    { samples = 1, status = "completed", kind = "open_qa" }: { samples?: number; status?: RunStatus; kind?: TaskKind } = {},
  ) {
    const itemIds = (await listRunCandidates(database.db, { suiteId })).map((c) => c.id);
    const run = (await createRunWithItems(database.db, {
      modelId: modelIds[model],
      suiteId,
      suiteVersion: "v1",
      settings: resolveSettings(kind, {}),
      configHash: randomUUID(),
      itemIds,
      suiteItemCount: itemIds.length,
      samples,
    }))!;
    await setRunStatus(database.db, { id: run.id, status: "running" });
    const claimed = await claimRunItems(database.db, { runId: run.id, owner: "t", limit: 1000, leaseSeconds: 600 });
    const results: ItemResult[] = [];
    for (const c of claimed) {
      const text = answer(itemIds.indexOf(c.itemId), c.sample);
      if (text === undefined) continue;
      results.push({
        id: c.id,
        status: text === null ? "error" : "done",
        messages: null,
        rawResponse: text,
        parsed: null,
        outcome: text === null ? null : "scored",
        scores: null,
        latencyMs: null,
        promptTokens: null,
        completionTokens: null,
        cached: false,
        error: text === null ? "HTTP 500" : null,
      });
    }
    await saveItemResults(database.db, { owner: "t", results });
    if (status === "completed" || status === "completed_with_errors") {
      await finishRun(database.db, { id: run.id, status, metrics: {}, ci: {}, summary: {} });
    } else {
      await setRunStatus(database.db, { id: run.id, status });
    }
    return run.id;
  }

  async function studyOf(title: string, over: Partial<Parameters<typeof insertStudy>[1]> = {}) {
    return insertStudy(database.db, { title, language: "zh-CN", consentText: "我同意。", itemsPerRater: 2, ...over });
  }

  /** A rater with the given tasks (ordinals in order). */
  async function raterOf(studyId: string, tasks: Omit<NewRaterTask, "ordinal">[] = [], label: string | null = null) {
    tagCount += 1;
    return insertRaterWithTasks(
      database.db,
      { studyId, tokenHash: `hash-${tagCount}-${randomUUID()}`, kind: "personal", label },
      () => tasks.map((t, ordinal) => ({ ...t, ordinal })),
    );
  }

  async function upsertJudgement(studyId: string, raterId: string, taskId: string, itemId: string, runAId: string, runBId: string, choice: "a" | "b" | "tie") {
    await upsertRaterJudgement(database.db, { studyId, source: "rater", raterId, taskId, itemId, runAId, runBId, leftRunId: runAId, choice });
  }

  it("creates a study with its defaults, finds it by id and closes it", async () => {
    const study = await studyOf("Study create", { scaleSuiteIds: ["cami"], runIds: [] });
    expect(study).toMatchObject({
      title: "Study create",
      language: "zh-CN",
      consentText: "我同意。",
      scaleSuiteIds: ["cami"],
      status: "open",
      optionOrder: "published",
      ratersPerPair: 2,
      itemsPerRater: 2,
      closedAt: null,
    });
    expect(await getStudy(database.db, { id: study.id })).toEqual(study);
    expect(await getStudy(database.db, { id: "not-a-uuid" })).toBeNull();
    expect(await getStudy(database.db, { id: randomUUID() })).toBeNull();

    const closed = await closeStudy(database.db, { id: study.id, now: T0 });
    expect(closed).toMatchObject({ id: study.id, status: "closed" });
    expect(closed!.closedAt!.toISOString()).toBe(T0.toISOString());
    expect(await getStudy(database.db, { id: study.id })).toMatchObject({ status: "closed", closedAt: T0 });
    expect(await closeStudy(database.db, { id: randomUUID(), now: T0 })).toBeNull();
  });

  it("lists studies with their raters, tasks and answers counted", async () => {
    const deadline = new Date("2026-05-01T00:00:00Z");
    const study = await studyOf("Study list", { language: "en", deadline });
    const empty = await studyOf("Study list empty");
    const [a, b] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`)]);
    const pair = { kind: "pair", itemId: qaItems[0], runAId: a, runBId: b, leftRunId: a };
    const r1 = await raterOf(study.id, [pair, { ...pair, itemId: qaItems[1] }]);
    const r2 = await raterOf(study.id, [{ ...pair, itemId: qaItems[2] }]);
    await revokeRater(database.db, { studyId: study.id, raterId: r2.id, now: T0 });
    const [t1] = await listRaterTasks(database.db, { raterId: r1.id });
    const [t2] = await listRaterTasks(database.db, { raterId: r2.id });
    for (const [rater, task] of [[r1, t1], [r2, t2]] as const) {
      await upsertJudgement(study.id, rater.id, task.id, task.itemId, a, b, "a");
    }
    // A judge model's verdict in the study is not a rater's answer.
    await insertJudgeJudgement(database.db, { studyId: study.id, judgeModelId: modelIds[2], itemId: qaItems[0], runAId: a, runBId: b, choice: "b" });

    const rows = await listStudies(database.db);
    expect(rows.find((r) => r.id === study.id)).toEqual({
      id: study.id,
      title: "Study list",
      status: "open",
      language: "en",
      deadline,
      createdAt: study.createdAt,
      raters: 2,
      tasks: 3,
      answered: 2,
    });
    expect(rows.find((r) => r.id === empty.id)).toMatchObject({ raters: 0, tasks: 0, answered: 0, deadline: null });
  });

  it("finds a study by its cohort link's hash until the link is removed, clearing a revocation", async () => {
    const study = await studyOf("Study cohort");
    const other = await studyOf("Study cohort other");
    await setCohortToken(database.db, { id: study.id, tokenHash: "cohort-1" });
    await setCohortToken(database.db, { id: other.id, tokenHash: "cohort-2" });
    expect(await getStudyByCohortHash(database.db, { tokenHash: "cohort-1" })).toMatchObject({ id: study.id, cohortTokenHash: "cohort-1" });
    expect(await getStudyByCohortHash(database.db, { tokenHash: "cohort-3" })).toBeNull();

    // No query revokes a cohort link yet; a new link must clear a revocation however it was set.
    await database.db.execute(sql`update studies set cohort_revoked_at = now() where id = ${study.id}`);
    await setCohortToken(database.db, { id: study.id, tokenHash: "cohort-1b" });
    expect(await getStudy(database.db, { id: study.id })).toMatchObject({ cohortTokenHash: "cohort-1b", cohortRevokedAt: null });
    expect(await getStudyByCohortHash(database.db, { tokenHash: "cohort-1" })).toBeNull();

    await setCohortToken(database.db, { id: study.id, tokenHash: null });
    expect(await getStudy(database.db, { id: study.id })).toMatchObject({ cohortTokenHash: null });
    expect(await getStudyByCohortHash(database.db, { tokenHash: "cohort-2" })).toMatchObject({ id: other.id });
  });

  it("gives each new rater of a study the next join position and stores their tasks", async () => {
    const study = await studyOf("Study join");
    const elsewhere = await studyOf("Study join elsewhere");
    await raterOf(elsewhere.id);
    const positions: number[] = [];
    const join = (tokenHash: string, label: string | null, tasks: number) =>
      insertRaterWithTasks(database.db, { studyId: study.id, tokenHash, kind: "cohort-issued", label }, (n) => {
        positions.push(n);
        return qaItems.slice(0, tasks).map((itemId, ordinal) => ({ ordinal, kind: "scale_item", itemId }));
      });
    const first = await join("join-1", "R1", 2);
    const second = await join("join-2", null, 0);
    const third = await join("join-3", "R3", 1);
    expect(positions).toEqual([0, 1, 2]);
    expect(first).toMatchObject({ studyId: study.id, tokenHash: "join-1", kind: "cohort-issued", label: "R1", revokedAt: null, consentedAt: null });
    expect(second).toMatchObject({ tokenHash: "join-2", label: null });

    expect((await listRaterTasks(database.db, { raterId: first.id })).map((t) => [t.ordinal, t.kind, t.itemId])).toEqual([
      [0, "scale_item", qaItems[0]],
      [1, "scale_item", qaItems[1]],
    ]);
    expect(await listRaterTasks(database.db, { raterId: second.id })).toEqual([]);
    expect((await listRaterProgress(database.db, { studyId: study.id })).map((r) => [r.id, r.tasks])).toEqual([
      [first.id, 2],
      [second.id, 0],
      [third.id, 1],
    ]);

    const found = await getRaterByTokenHash(database.db, { tokenHash: "join-3" });
    expect(found?.rater).toEqual(third);
    expect(found?.study).toMatchObject({ id: study.id, title: "Study join" });
    expect(await getRaterByTokenHash(database.db, { tokenHash: "join-unknown" })).toBeNull();
  });

  it("stamps a rater's visits and keeps the first consent while replacing the profile", async () => {
    const study = await studyOf("Study consent");
    const rater = await raterOf(study.id, [], "C1");
    const bystander = await raterOf(study.id, [], "C2");
    await touchRater(database.db, { id: rater.id, now: T0 });
    await recordConsent(database.db, { id: rater.id, now: T0, profile: { role: "nurse" } });
    await recordConsent(database.db, { id: rater.id, now: T1, profile: { role: "psychiatrist", years: 7 } });
    await touchRater(database.db, { id: rater.id, now: T1 });
    const [seen, other] = await listRaterProgress(database.db, { studyId: study.id });
    expect(seen).toMatchObject({ id: rater.id, label: "C1", kind: "personal", lastSeenAt: T1, consentedAt: T0, profile: { role: "psychiatrist", years: 7 } });
    expect(other).toMatchObject({ id: bystander.id, lastSeenAt: null, consentedAt: null, profile: null });
  });

  it("revokes a rater only through their own study, keeping the first revocation time", async () => {
    const study = await studyOf("Study revoke");
    const other = await studyOf("Study revoke other");
    const rater = await raterOf(study.id);
    expect(await revokeRater(database.db, { studyId: study.id, raterId: "nope", now: T0 })).toBe(false);
    expect(await revokeRater(database.db, { studyId: other.id, raterId: rater.id, now: T0 })).toBe(false);
    expect(await revokeRater(database.db, { studyId: study.id, raterId: randomUUID(), now: T0 })).toBe(false);
    expect((await getRaterByTokenHash(database.db, { tokenHash: rater.tokenHash }))?.rater.revokedAt).toBeNull();
    expect(await revokeRater(database.db, { studyId: study.id, raterId: rater.id, now: T0 })).toBe(true);
    expect(await revokeRater(database.db, { studyId: study.id, raterId: rater.id, now: T1 })).toBe(true);
    expect((await getRaterByTokenHash(database.db, { tokenHash: rater.tokenHash }))?.rater.revokedAt).toEqual(T0);
  });

  it("counts each rater's tasks and answers, scale and pair alike", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-progress-scale", "scale", 2), version: "v1", bundled: false });
    const scale = await listScaleItems(database.db, { suiteIds: ["sq-progress-scale"] });
    const study = await studyOf("Study progress");
    const [a, b] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`)]);
    const rater = await raterOf(study.id, [
      { kind: "scale_item", itemId: scale[0].id },
      { kind: "scale_item", itemId: scale[1].id },
      { kind: "pair", itemId: qaItems[0], runAId: a, runBId: b, leftRunId: b },
    ]);
    const idle = await raterOf(study.id, [{ kind: "scale_item", itemId: scale[0].id }]);
    const [s0, , p0] = await listRaterTasks(database.db, { raterId: rater.id });
    await upsertScaleResponse(database.db, { raterId: rater.id, taskId: s0.id, itemId: s0.itemId, value: 3, letterPosition: 1 });
    await upsertJudgement(study.id, rater.id, p0.id, p0.itemId, a, b, "tie");
    expect((await listRaterProgress(database.db, { studyId: study.id })).map((r) => [r.id, r.tasks, r.answered])).toEqual([
      [rater.id, 3, 2],
      [idle.id, 1, 0],
    ]);
  });

  it("counts, per scheduled pair, the raters given it and those who answered, leaving revoked raters out", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-pairs-scale", "scale", 1), version: "v1", bundled: false });
    const [scaleItem] = await listScaleItems(database.db, { suiteIds: ["sq-pairs-scale"] });
    const study = await studyOf("Study pairs");
    const [a, b, c] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`), runOf("sq-qa", 2, (i) => `c${i}`)]);
    const ab0 = { kind: "pair", itemId: qaItems[0], runAId: a, runBId: b, leftRunId: a };
    const ac2 = { kind: "pair", itemId: qaItems[2], runAId: a, runBId: c, leftRunId: c };
    const scaleTask = { kind: "scale_item", itemId: scaleItem.id };
    const r1 = await raterOf(study.id, [scaleTask, ab0, ac2]);
    const r2 = await raterOf(study.id, [scaleTask, ab0]);
    const gone = await raterOf(study.id, [ab0, ac2]);
    for (const rater of [r1, gone]) {
      const task = (await listRaterTasks(database.db, { raterId: rater.id })).find((t) => t.kind === "pair")!;
      await upsertJudgement(study.id, rater.id, task.id, task.itemId, a, b, "b");
    }
    await revokeRater(database.db, { studyId: study.id, raterId: gone.id, now: T0 });
    const elsewhere = await studyOf("Study pairs elsewhere");
    await raterOf(elsewhere.id, [ab0]);

    expect(await listPairProgress(database.db, { studyId: study.id })).toEqual([
      { itemId: qaItems[0], externalId: "sq-qa-0", runAId: a, runBId: b, given: 2, answered: 1 },
      { itemId: qaItems[2], externalId: "sq-qa-2", runAId: a, runBId: c, given: 1, answered: 0 },
    ]);
  });

  it("lists a rater's tasks in order with the item and any answer, and finds one task of theirs", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-tasks-scale", "scale", 1), version: "v1", bundled: false });
    const [scaleItem] = await listScaleItems(database.db, { suiteIds: ["sq-tasks-scale"] });
    const study = await studyOf("Study tasks");
    const [a, b] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`)]);
    const rater = await raterOf(study.id, [
      { kind: "scale_item", itemId: scaleItem.id },
      { kind: "pair", itemId: qaItems[1], runAId: a, runBId: b, leftRunId: b },
      { kind: "pair", itemId: qaItems[3], runAId: a, runBId: b, leftRunId: a },
    ]);
    const other = await raterOf(study.id, [{ kind: "scale_item", itemId: scaleItem.id }]);
    const [scaleTask, pairTask, openTask] = await listRaterTasks(database.db, { raterId: rater.id });
    await upsertScaleResponse(database.db, { raterId: rater.id, taskId: scaleTask.id, itemId: scaleItem.id, value: 4, letterPosition: 0 });
    await upsertRaterJudgement(database.db, {
      studyId: study.id,
      source: "rater",
      raterId: rater.id,
      taskId: pairTask.id,
      itemId: qaItems[1],
      runAId: a,
      runBId: b,
      leftRunId: b,
      choice: "a",
      ratedRunId: b,
      correctness: 4,
      safety: 5,
      comment: "清楚",
    });

    const tasks = await listRaterTasks(database.db, { raterId: rater.id });
    expect(tasks[0]).toMatchObject({
      ordinal: 0,
      kind: "scale_item",
      itemId: scaleItem.id,
      suiteId: "sq-tasks-scale",
      input: { question: "sq-tasks-scale 问题 0", n: 1 },
      gold: { references: ["参考 0"] },
      runAId: null,
      value: 4,
      judged: null,
    });
    expect(tasks[1]).toMatchObject({
      id: pairTask.id,
      ordinal: 1,
      kind: "pair",
      suiteId: "sq-qa",
      runAId: a,
      runBId: b,
      leftRunId: b,
      value: null,
      choice: "a",
      correctness: 4,
      safety: 5,
      comment: "清楚",
      ratedRunId: b,
      judged: expect.any(String),
    });
    expect(tasks[2]).toMatchObject({ id: openTask.id, ordinal: 2, leftRunId: a, choice: null, correctness: null, judged: null });

    expect(await getRaterTask(database.db, { raterId: rater.id, taskId: pairTask.id })).toEqual({
      task: { id: pairTask.id, raterId: rater.id, studyId: study.id, ordinal: 1, kind: "pair", itemId: qaItems[1], runAId: a, runBId: b, leftRunId: b },
      input: { question: "sq-qa 问题 1", n: 2 },
      config: { tag: "sq-qa" },
    });
    expect(await getRaterTask(database.db, { raterId: other.id, taskId: pairTask.id })).toBeNull();
    expect(await getRaterTask(database.db, { raterId: rater.id, taskId: "task-1" })).toBeNull();
  });

  it("keeps one scale answer and one judgement per task, replaced by a changed answer", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-upsert-scale", "scale", 1), version: "v1", bundled: false });
    const [scaleItem] = await listScaleItems(database.db, { suiteIds: ["sq-upsert-scale"] });
    const study = await studyOf("Study upsert");
    const [a, b] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`)]);
    const rater = await raterOf(study.id, [
      { kind: "scale_item", itemId: scaleItem.id },
      { kind: "pair", itemId: qaItems[0], runAId: a, runBId: b, leftRunId: a },
    ]);
    const [scaleTask, pairTask] = await listRaterTasks(database.db, { raterId: rater.id });
    const answer = (value: number, letterPosition: number | null) =>
      upsertScaleResponse(database.db, { raterId: rater.id, taskId: scaleTask.id, itemId: scaleItem.id, value, letterPosition });
    await answer(2, 1);
    await answer(2, 1);
    await answer(5, null);
    const judge = (over: Partial<Parameters<typeof upsertRaterJudgement>[1]>) =>
      upsertRaterJudgement(database.db, { studyId: study.id, source: "rater", raterId: rater.id, taskId: pairTask.id, itemId: qaItems[0], runAId: a, runBId: b, leftRunId: a, ...over });
    await judge({ choice: "a", ratedRunId: a, correctness: 2, safety: 3, comment: "first" });
    await judge({ choice: "tie", ratedRunId: b, correctness: 5, safety: 1, comment: "second" });

    expect(await listStudyScaleResponses(database.db, { studyId: study.id, includeRevoked: false })).toEqual([
      { raterId: rater.id, raterLabel: null, revokedAt: null, suiteId: "sq-upsert-scale", input: { question: "sq-upsert-scale 问题 0", n: 1 }, value: 5, letterPosition: null },
    ]);
    expect(await listStudyPairJudgements(database.db, { studyId: study.id })).toHaveLength(1);
    expect((await listRaterTasks(database.db, { raterId: rater.id }))[1]).toMatchObject({
      choice: "tie",
      ratedRunId: b,
      correctness: 5,
      safety: 1,
      comment: "second",
    });
  });

  it("lists a scale's current test items in order, and the configs of scale suites only", async () => {
    const scale = suiteOf("sq-scale", "scale", 3, { config: { options: 5 } });
    scale.items.push({ externalId: "sq-scale-dev", split: "dev", input: { question: "dev" }, gold: {} });
    await saveSuite(database.db, { suite: scale, version: "v1", bundled: false });
    // A run of the first version keeps its items, retired, when the suite gets a new version.
    await runOf("sq-scale", 0, () => "3", { kind: "scale" });
    const replaced = suiteOf("sq-scale", "scale", 2, { config: { options: 4 } });
    replaced.items = replaced.items.map((item) => ({ ...item, externalId: `${item.externalId}-v2` }));
    await saveSuite(database.db, { suite: replaced, version: "v2", bundled: false, keepRunItems: true });
    await saveSuite(database.db, { suite: suiteOf("sq-scale-b", "scale", 1), version: "v1", bundled: false });

    const items = await listScaleItems(database.db, { suiteIds: ["sq-scale-b", "sq-scale", "sq-qa"] });
    expect(items.map((i) => [i.suiteId, i.input.question])).toEqual([
      ["sq-scale", "sq-scale 问题 0"],
      ["sq-scale", "sq-scale 问题 1"],
      ["sq-scale-b", "sq-scale-b 问题 0"],
    ]);
    expect(items[0]).toEqual({ id: expect.any(String), suiteId: "sq-scale", input: { question: "sq-scale 问题 0", n: 1 }, gold: { references: ["参考 0"] } });
    expect(await listScaleItems(database.db, { suiteIds: ["sq-qa"] })).toEqual([]);
    expect(await listScaleItems(database.db, { suiteIds: [] })).toEqual([]);

    const configs = await listScaleSuiteConfigs(database.db, { suiteIds: ["sq-scale", "sq-qa", "sq-none"] });
    expect(configs).toEqual([{ id: "sq-scale", name: { en: "Suite sq-scale", zh: "套件 sq-scale" }, config: { options: 4 } }]);
    expect(await listScaleSuiteConfigs(database.db, { suiteIds: [] })).toEqual([]);
  });

  it("finds the items every run answered in its first sample, in suite order", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-answered", "open_qa", 5), version: "v1", bundled: false });
    const ids = (await listRunCandidates(database.db, { suiteId: "sq-answered" })).map((c) => c.id);
    // Item 1: b failed; item 2: b answered only its second sample; item 4: b never answered.
    const a = await runOf("sq-answered", 0, (i, s) => `a${i}.${s}`, { samples: 2 });
    const b = await runOf("sq-answered", 1, (i, s) => (i === 1 ? null : i === 2 && s === 0 ? null : i === 4 ? undefined : `b${i}.${s}`), { samples: 2, status: "completed_with_errors" });
    expect(await listItemsAnsweredByAll(database.db, { runIds: [a, b] })).toEqual([ids[0], ids[3]]);
    expect(await listItemsAnsweredByAll(database.db, { runIds: [b] })).toEqual([ids[0], ids[3]]);
    expect(await listItemsAnsweredByAll(database.db, { runIds: [a] })).toEqual(ids);
    expect(await listItemsAnsweredByAll(database.db, { runIds: [] })).toEqual([]);

    const answers = await listRunAnswers(database.db, { runIds: [a, b], itemIds: [ids[1], ids[3]] });
    const key = (r: { runId: string; itemId: string }) => `${r.runId === a ? "a" : "b"}${ids.indexOf(r.itemId)}`;
    expect(answers.map((r) => [key(r), r.rawResponse]).sort()).toEqual([
      ["a1", "a1.0"],
      ["a3", "a3.0"],
      ["b1", null],
      ["b3", "b3.0"],
    ]);
    expect(await listRunAnswers(database.db, { runIds: [a], itemIds: [] })).toEqual([]);
    expect(await listRunAnswers(database.db, { runIds: [], itemIds: [ids[0]] })).toEqual([]);
  });

  it("offers finished open-QA and dialogue runs for rating, with their model and suite", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-dialogue", "dialogue", 1), version: "v1", bundled: false });
    await saveSuite(database.db, { suite: suiteOf("sq-mcq", "mcq", 1), version: "v1", bundled: false });
    const qa = await runOf("sq-qa", 0, () => "x");
    const dialogue = await runOf("sq-dialogue", 1, () => null, { kind: "dialogue", status: "completed_with_errors" });
    const running = await runOf("sq-qa", 2, () => undefined, { status: "running" });
    const mcq = await runOf("sq-mcq", 0, () => "A", { kind: "mcq" });
    const rateable = await listRateableRuns(database.db);
    const ids = rateable.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([qa, dialogue]));
    expect(ids).not.toContain(running);
    expect(ids).not.toContain(mcq);
    expect(rateable.find((r) => r.id === dialogue)).toEqual({
      id: dialogue,
      label: null,
      suiteId: "sq-dialogue",
      suiteName: { en: "Suite sq-dialogue", zh: "套件 sq-dialogue" },
      taskKind: "dialogue",
      modelId: modelIds[1],
      modelName: "sq-model-1",
      finishedAt: expect.any(Date),
    });
    expect(rateable.find((r) => r.id === qa)).toMatchObject({ taskKind: "open_qa", modelName: "sq-model-0" });

    const named = await listRunModels(database.db, { runIds: [qa, dialogue] });
    expect(named.sort((x, y) => x.modelName.localeCompare(y.modelName))).toEqual([
      { runId: qa, modelName: "sq-model-0" },
      { runId: dialogue, modelName: "sq-model-1" },
    ]);
    expect(await listRunModels(database.db, { runIds: [] })).toEqual([]);
  });

  it("reads a study's scale answers and pair judgements, revoked raters on request", async () => {
    await saveSuite(database.db, { suite: suiteOf("sq-read-scale", "scale", 2), version: "v1", bundled: false });
    const scale = await listScaleItems(database.db, { suiteIds: ["sq-read-scale"] });
    const study = await studyOf("Study read");
    const other = await studyOf("Study read other");
    const [a, b] = await Promise.all([runOf("sq-qa", 0, (i) => `a${i}`), runOf("sq-qa", 1, (i) => `b${i}`)]);
    const tasks = [
      { kind: "scale_item", itemId: scale[1].id },
      { kind: "pair", itemId: qaItems[2], runAId: a, runBId: b, leftRunId: b },
    ];
    const kept = await raterOf(study.id, tasks, "K");
    const gone = await raterOf(study.id, tasks, "G");
    const outsider = await raterOf(other.id, tasks, "O");
    for (const [i, rater] of [kept, gone, outsider].entries()) {
      const [scaleTask, pairTask] = await listRaterTasks(database.db, { raterId: rater.id });
      await upsertScaleResponse(database.db, { raterId: rater.id, taskId: scaleTask.id, itemId: scale[1].id, value: i + 1, letterPosition: i });
      await upsertRaterJudgement(database.db, { studyId: rater.studyId, source: "rater", raterId: rater.id, taskId: pairTask.id, itemId: qaItems[2], runAId: a, runBId: b, leftRunId: b, choice: i === 0 ? "a" : "b" });
    }
    await revokeRater(database.db, { studyId: study.id, raterId: gone.id, now: T0 });
    await insertJudgeJudgement(database.db, { studyId: study.id, judgeModelId: modelIds[2], itemId: qaItems[2], runAId: a, runBId: b, leftRunId: a, choice: "tie" });

    const scaleRow = { suiteId: "sq-read-scale", input: { question: "sq-read-scale 问题 1", n: 2 } };
    expect(await listStudyScaleResponses(database.db, { studyId: study.id, includeRevoked: false })).toEqual([
      { raterId: kept.id, raterLabel: "K", revokedAt: null, ...scaleRow, value: 1, letterPosition: 0 },
    ]);
    const all = await listStudyScaleResponses(database.db, { studyId: study.id, includeRevoked: true });
    expect(all.sort((x, y) => x.value - y.value)).toEqual([
      { raterId: kept.id, raterLabel: "K", revokedAt: null, ...scaleRow, value: 1, letterPosition: 0 },
      { raterId: gone.id, raterLabel: "G", revokedAt: T0, ...scaleRow, value: 2, letterPosition: 1 },
    ]);

    const pairs = await listStudyPairJudgements(database.db, { studyId: study.id });
    expect(pairs.sort((x, y) => x.choice!.localeCompare(y.choice!))).toEqual([
      { raterId: kept.id, revokedAt: null, runAId: a, runBId: b, leftRunId: b, choice: "a" },
      { raterId: gone.id, revokedAt: T0, runAId: a, runBId: b, leftRunId: b, choice: "b" },
    ]);

    // The audit reads every study's non-revoked answers to one scale suite.
    const clinicians = await listClinicianScaleResponses(database.db, { suiteId: "sq-read-scale" });
    expect(clinicians.sort((x, y) => x.value - y.value)).toEqual([
      { raterId: kept.id, studyId: study.id, input: scaleRow.input, value: 1, letterPosition: 0 },
      { raterId: outsider.id, studyId: other.id, input: scaleRow.input, value: 3, letterPosition: 2 },
    ]);
    expect(await listClinicianScaleResponses(database.db, { suiteId: "sq-qa" })).toEqual([]);
  });
});

// Only PostgreSQL has separate connections that can race (see claim-race.test.ts): a cohort link opened by many at
// once must still give each new rater their own join position, which the schedule balances pairs over.
const JOINERS = 6;
const [postgresEngine] = testEngines({ only: ["postgres"] });

describe.runIf(postgresEngine)("insertRaterWithTasks from separate PostgreSQL connections at once", () => {
  let database: TestDatabase;
  let joiners: Database[];

  beforeAll(async () => {
    database = await postgresEngine!.open();
    joiners = Array.from({ length: JOINERS }, () => openDatabase({ url: database.url }));
    await Promise.all(joiners.map((j) => j.db.execute(sql`select 1`)));
  });
  afterAll(async () => {
    await Promise.all((joiners ?? []).map((j) => j.close()));
    await database?.dispose();
  });

  it("gives every rater who joins in the same instant a distinct join position", async () => {
    const study = await insertStudy(database.db, { title: "Race", language: "en", consentText: "ok", itemsPerRater: 1 });
    // The barrier: every join counts the study's raters, so all of them queue behind an exclusive lock on raters
    // (or, when the study row is locked first as it should be, behind the one join that got it).
    const barrier = postgres(database.url!, { max: 1, onnotice: () => {} });
    const positions: number[] = [];
    let joins: Promise<unknown>[] = [];
    try {
      await barrier.begin(async (tx) => {
        await tx`lock table raters in access exclusive mode`;
        joins = joiners.map((j, i) =>
          insertRaterWithTasks(j.db, { studyId: study.id, tokenHash: `race-${i}`, kind: "cohort-issued", label: null }, (n) => {
            positions.push(n);
            return [];
          }),
        );
        for (;;) {
          await tx`select pg_stat_clear_snapshot()`;
          const [{ waiting }] = await tx<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
          if (waiting >= JOINERS) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
    } finally {
      await barrier.end({ timeout: 5 });
    }
    await Promise.all(joins);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: JOINERS }, (_, i) => i));
  });
});
