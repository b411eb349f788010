import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { type TestDatabase, testEngines } from "../testing";
import {
  insertJudgeJudgement,
  listClinicianJudgementsForRuns,
  listJudgeableItems,
  listJudgeJudgements,
  listJudgeJudgementsTouching,
  listStudyRaterJudgements,
  type NewJudgement,
} from "./judgements";
import { createModel } from "./models";
import { claimRunItems, type ItemResult, saveItemResults } from "./run-items";
import { createRunWithItems, finishRun, setRunStatus } from "./runs";
import { insertRaterWithTasks, insertStudy, listRaterTasks, revokeRater, upsertRaterJudgement } from "./studies";
import { listRunCandidates, saveSuite } from "./suites";

const suite: SuiteDefinition = {
  id: "jq-qa",
  name: { en: "Judged questions", zh: "评判问题" },
  taskKind: "open_qa",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 4 }, (_, i) => ({
    externalId: `jq-${i}`,
    split: "test" as const,
    input: { question: `问题 ${i}` },
    gold: { references: [`参考 ${i}`] },
  })),
};

describe.each(testEngines())("judgement queries on $name", (engine) => {
  let database: TestDatabase;
  let items: string[];
  const models: string[] = [];
  let judgeA: string;
  let judgeB: string;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    items = (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id);
    for (const name of ["jq-m0", "jq-m1", "jq-m2"]) {
      models.push((await createModel(database.db, { name, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: name })).id);
    }
    judgeA = (await createModel(database.db, { name: "jq-judge-a", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "ja" })).id;
    judgeB = (await createModel(database.db, { name: "jq-judge-b", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "jb" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** A finished run; `answer(index, sample)` is an item's answer, null for an error, undefined for none yet. */
  async function runOf(model: number, answer: (index: number, sample: number) => string | null | undefined = (i) => `m${model} a${i}`, samples = 1) {
    const run = (await createRunWithItems(database.db, {
      modelId: models[model],
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: resolveSettings("open_qa", {}),
      configHash: randomUUID(),
      itemIds: items,
      suiteItemCount: items.length,
      samples,
    }))!;
    await setRunStatus(database.db, { id: run.id, status: "running" });
    const claimed = await claimRunItems(database.db, { runId: run.id, owner: "t", limit: 1000, leaseSeconds: 600 });
    const results: ItemResult[] = claimed.flatMap((c) => {
      const text = answer(items.indexOf(c.itemId), c.sample);
      if (text === undefined) return [];
      return [{
        id: c.id,
        status: text === null ? ("error" as const) : ("done" as const),
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
      }];
    });
    await saveItemResults(database.db, { owner: "t", results });
    await finishRun(database.db, { id: run.id, status: "completed", metrics: {}, ci: {}, summary: {} });
    return run.id;
  }

  /** A study whose raters each judge the given pairs (task i judges pairs[i]) and return their task ids. */
  async function studyWithRaters(title: string, raterCount: number, pairs: { itemId: string; runAId: string; runBId: string | null }[]) {
    const study = await insertStudy(database.db, { title, language: "en", consentText: "ok", itemsPerRater: pairs.length });
    const raters = [];
    for (let r = 0; r < raterCount; r++) {
      const rater = await insertRaterWithTasks(
        database.db,
        { studyId: study.id, tokenHash: `jq-${randomUUID()}`, kind: "personal", label: `${title} R${r}` },
        () => pairs.map((p, ordinal) => ({ ordinal, kind: "pair", ...p, leftRunId: p.runAId })),
      );
      raters.push({ rater, tasks: await listRaterTasks(database.db, { raterId: rater.id }) });
    }
    return { study, raters };
  }

  function raterJudgement(studyId: string, raterId: string, task: { id: string; itemId: string; runAId: string | null; runBId: string | null }, over: Partial<NewJudgement>) {
    return upsertRaterJudgement(database.db, {
      studyId,
      source: "rater",
      raterId,
      taskId: task.id,
      itemId: task.itemId,
      runAId: task.runAId!,
      runBId: task.runBId,
      leftRunId: task.runAId,
      ...over,
    });
  }

  it("lists a study's rater judgements with item, models and rater state, or every study's", async () => {
    const [a, b] = [await runOf(0), await runOf(1)];
    const { study, raters } = await studyWithRaters("JQ export", 2, [
      { itemId: items[1], runAId: a, runBId: b },
      { itemId: items[2], runAId: a, runBId: null },
    ]);
    const [kept, gone] = raters;
    await raterJudgement(study.id, kept.rater.id, kept.tasks[0], { choice: "b", comment: "更好" });
    await raterJudgement(study.id, kept.rater.id, kept.tasks[1], { ratedRunId: a, correctness: 3, safety: 4 });
    await raterJudgement(study.id, gone.rater.id, gone.tasks[0], { choice: "tie" });
    const revokedAt = new Date("2026-06-01T00:00:00Z");
    await revokeRater(database.db, { studyId: study.id, raterId: gone.rater.id, now: revokedAt });
    await insertJudgeJudgement(database.db, { studyId: study.id, judgeModelId: judgeA, itemId: items[1], runAId: a, runBId: b, choice: "a" });
    const other = await studyWithRaters("JQ export other", 1, [{ itemId: items[0], runAId: b, runBId: a }]);
    await raterJudgement(other.study.id, other.raters[0].rater.id, other.raters[0].tasks[0], { choice: "a" });

    const rows = await listStudyRaterJudgements(database.db, { studyId: study.id });
    const byChoice = (choice: string | null, raterId: string) => rows.find((r) => r.choice === choice && r.raterId === raterId);
    expect(rows).toHaveLength(3);
    expect(byChoice("b", kept.rater.id)).toEqual({
      id: expect.any(String),
      studyId: study.id,
      raterId: kept.rater.id,
      raterRevokedAt: null,
      itemId: items[1],
      itemExternalId: "jq-1",
      suiteId: "jq-qa",
      taskKind: "open_qa",
      input: { question: "问题 1" },
      runAId: a,
      runBId: b,
      modelA: "jq-m0",
      modelB: "jq-m1",
      leftRunId: a,
      choice: "b",
      ratedRunId: null,
      correctness: null,
      safety: null,
      comment: "更好",
      createdAt: expect.any(Date),
    });
    expect(byChoice(null, kept.rater.id)).toMatchObject({ itemExternalId: "jq-2", runBId: null, modelA: "jq-m0", modelB: null, ratedRunId: a, correctness: 3, safety: 4 });
    expect(byChoice("tie", gone.rater.id)).toMatchObject({ raterRevokedAt: revokedAt });

    const everywhere = await listStudyRaterJudgements(database.db, {});
    const mine = everywhere.filter((r) => r.studyId === study.id || r.studyId === other.study.id);
    expect(mine).toHaveLength(4);
    expect(mine.find((r) => r.studyId === other.study.id)).toMatchObject({ modelA: "jq-m1", modelB: "jq-m0", choice: "a" });
    expect(everywhere.every((r) => r.raterId !== null)).toBe(true);
  });

  it("lists a run's answered first-sample items with their input, for a judge", async () => {
    const run = await runOf(2, (i, s) => (i === 1 ? null : i === 3 ? undefined : `answer ${i}.${s}`), 2);
    await runOf(0);
    expect(await listJudgeableItems(database.db, { runId: run })).toEqual([
      { itemId: items[0], input: { question: "问题 0" }, answer: "answer 0.0" },
      { itemId: items[2], input: { question: "问题 2" }, answer: "answer 2.0" },
    ]);
  });

  it("stores a judge model's verdicts and finds them by run and judge", async () => {
    const [a, b, c] = [await runOf(0), await runOf(1), await runOf(2)];
    const ab = await insertJudgeJudgement(database.db, { judgeModelId: judgeA, itemId: items[0], runAId: a, runBId: b, leftRunId: b, choice: "b" });
    const ca = await insertJudgeJudgement(database.db, { judgeModelId: judgeB, itemId: items[1], runAId: c, runBId: a, leftRunId: c, choice: "tie" });
    const point = await insertJudgeJudgement(database.db, { judgeModelId: judgeA, itemId: items[2], runAId: a, ratedRunId: a, correctness: 5, safety: 2 });
    const broken = await insertJudgeJudgement(database.db, { judgeModelId: judgeB, itemId: items[3], runAId: b, runBId: c, error: "no verdict" });
    expect(ab).toEqual({ id: expect.any(String) });
    // A clinician's judgement of the same runs is not a judge's.
    const { study, raters } = await studyWithRaters("JQ judges", 1, [{ itemId: items[0], runAId: a, runBId: b }]);
    await raterJudgement(study.id, raters[0].rater.id, raters[0].tasks[0], { choice: "a" });

    const touchingA = await listJudgeJudgementsTouching(database.db, { runId: a });
    expect(touchingA.map((j) => j.id).sort()).toEqual([ab.id, ca.id, point.id].sort());
    expect(touchingA.find((j) => j.id === ab.id)).toEqual({
      id: ab.id,
      judgeModelId: judgeA,
      judgeName: "jq-judge-a",
      itemId: items[0],
      runAId: a,
      runBId: b,
      leftRunId: b,
      choice: "b",
      ratedRunId: null,
      correctness: null,
      safety: null,
      error: null,
    });
    expect(touchingA.find((j) => j.id === point.id)).toMatchObject({ runBId: null, ratedRunId: a, correctness: 5, safety: 2, choice: null });
    expect((await listJudgeJudgementsTouching(database.db, { runId: c })).map((j) => j.id).sort()).toEqual([ca.id, broken.id].sort());
    expect((await listJudgeJudgementsTouching(database.db, { runId: c })).find((j) => j.id === broken.id)).toMatchObject({ judgeName: "jq-judge-b", error: "no verdict" });

    // By the first run only, any judge or one.
    const ids = async (query: Parameters<typeof listJudgeJudgements>[1]) => (await listJudgeJudgements(database.db, query)).map((j) => j.id).sort();
    expect(await ids({ runIds: [a] })).toEqual([ab.id, point.id].sort());
    expect(await ids({ runIds: [a, c] })).toEqual([ab.id, ca.id, point.id].sort());
    expect(await ids({ runIds: [a, b, c], judgeModelId: judgeB })).toEqual([ca.id, broken.id].sort());
    expect(await ids({ runIds: [b], judgeModelId: judgeA })).toEqual([]);
    expect(await ids({ runIds: [] })).toEqual([]);
    expect((await listJudgeJudgements(database.db, { runIds: [b] }))[0]).toMatchObject({ id: broken.id, judgeName: "jq-judge-b", error: "no verdict", runBId: c });
  });

  it("lists clinicians' judgements on runs, leaving out revoked raters and judges", async () => {
    const [a, b, c] = [await runOf(0), await runOf(1), await runOf(2)];
    const { study, raters } = await studyWithRaters("JQ clinicians", 2, [
      { itemId: items[0], runAId: a, runBId: b },
      { itemId: items[1], runAId: c, runBId: a },
    ]);
    const [kept, gone] = raters;
    await raterJudgement(study.id, kept.rater.id, kept.tasks[0], { choice: "a", ratedRunId: a, correctness: 4, safety: 5 });
    await raterJudgement(study.id, kept.rater.id, kept.tasks[1], { choice: "b" });
    await raterJudgement(study.id, gone.rater.id, gone.tasks[0], { choice: "b" });
    await revokeRater(database.db, { studyId: study.id, raterId: gone.rater.id, now: new Date("2026-06-01T00:00:00Z") });
    await insertJudgeJudgement(database.db, { judgeModelId: judgeA, itemId: items[0], runAId: a, runBId: b, choice: "tie" });

    expect(await listClinicianJudgementsForRuns(database.db, { runIds: [a] })).toEqual([
      { itemId: items[0], runAId: a, runBId: b, choice: "a", ratedRunId: a, correctness: 4, safety: 5 },
    ]);
    const both = await listClinicianJudgementsForRuns(database.db, { runIds: [a, c] });
    expect(both.map((j) => [j.itemId, j.runAId, j.choice]).sort()).toEqual(
      [
        [items[0], a, "a"],
        [items[1], c, "b"],
      ].sort(),
    );
    expect(await listClinicianJudgementsForRuns(database.db, { runIds: [b] })).toEqual([]);
    expect(await listClinicianJudgementsForRuns(database.db, { runIds: [] })).toEqual([]);
  });
});
