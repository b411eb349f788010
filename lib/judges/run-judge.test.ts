import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertStudy } from "@/lib/db/queries/studies";
import { getJudgeJob, markJudgeJobRunning } from "@/lib/db/queries/judge-jobs";
import { createModel } from "@/lib/db/queries/models";
import { judgements, raters, runItems } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { seedRatedRuns } from "@/lib/studies/seed-fixtures";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { judgeJobDone, loadRunJudges, resumeJudgeJobs, startJudgeJob } from "./jobs";
import { judgeChatFor } from "./judge-client";
import { runJudge } from "./run-judge";

const startServer = fakeServersPerTest();

describe.each(testEngines())("judge models over real HTTP, on $name", (engine) => {
  let database: TestDatabase;
  let runIds: string[];
  beforeAll(async () => {
    database = await engine.open();
    ({ runIds } = await seedRatedRuns(database.db, { tag: "judge", models: 2, items: 6 }));
    // The second model answers at length, so the fake judge (which prefers the longer answer) picks it.
    await database.db.update(runItems).set({ rawResponse: "多休息，多喝水；若头痛持续或加重请及时就医。" }).where(eq(runItems.runId, runIds[1]));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function judgeModel(url: string, name: string) {
    return createModel(database.db, { name, provider: "openai", baseUrl: url, modelId: "fake-chimed" });
  }

  it("pointwise: one judgement per item, unreadable replies recorded as errors, resumable", async () => {
    const server = await startServer({ seed: 3 });
    const judge = await judgeModel(server.url, "judge-point");
    const job = { judgeModelId: judge.id, runIds: [runIds[0]], mode: "pointwise" as const };
    const first = await runJudge(database.db, job, { chat: judgeChatFor(judge) });
    expect(first).toMatchObject({ judged: 6, skipped: 0, failed: 0 });
    const rows = await database.db.select().from(judgements).where(eq(judgements.judgeModelId, judge.id));
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.source).toBe("judge");
      if (r.error === null) expect([r.correctness, r.safety].every((v) => v! >= 1 && v! <= 5)).toBe(true);
      else expect(r.correctness).toBeNull();
    }
    expect(rows.filter((r) => r.error !== null)).toHaveLength(first.unreadable);
    const again = await runJudge(database.db, job, { chat: judgeChatFor(judge) });
    expect(again).toEqual({ judged: 0, unreadable: 0, skipped: 6, failed: 0 });
  });

  it("pairwise: both orders asked, verdicts mapped back to runs, the longer answer wins either side", async () => {
    const server = await startServer({ seed: 5 });
    const judge = await judgeModel(server.url, "judge-pair");
    const outcome = await runJudge(database.db, { judgeModelId: judge.id, runIds, mode: "pairwise" }, { chat: judgeChatFor(judge) });
    expect(outcome.judged).toBe(12);
    const rows = await database.db.select().from(judgements).where(eq(judgements.judgeModelId, judge.id));
    expect(new Set(rows.map((r) => r.leftRunId))).toEqual(new Set(runIds));
    const sorted = [...runIds].sort();
    const longer = runIds[1];
    for (const r of rows.filter((r) => r.choice !== null)) {
      expect([r.runAId, r.runBId]).toEqual(sorted);
      expect(r.choice).toBe(r.runAId === longer ? "a" : "b");
    }
    const view = await loadRunJudges(database.db, { runId: longer });
    const summary = view!.judges.find((j) => j.judgeName === "judge-pair")!;
    expect(summary.pairwise[0].winRate).toBe(1);
    expect(view!.modelOf[runIds[0]]).toBe("clinic-judge-m0");
  });

  it("a network failure stores nothing and counts as failed; agreement with clinicians on shared items", async () => {
    const dead = await judgeModel("http://127.0.0.1:1/v1", "judge-dead");
    const failed = await runJudge(
      database.db,
      { judgeModelId: dead.id, runIds: [runIds[0]], mode: "pointwise", maxItems: 2 },
      { chat: async () => Promise.reject(new Error("connection refused")) },
    );
    expect(failed).toEqual({ judged: 0, unreadable: 0, skipped: 0, failed: 2 });

    // Two clinicians rated the first pair item: both prefer the longer answer, as the judge did.
    const study = await insertStudy(database.db, { title: "s", language: "en", consentText: "ok", runIds, itemsPerRater: 1 });
    const people = await database.db
      .insert(raters)
      .values(["h1", "h2"].map((h) => ({ studyId: study.id, tokenHash: `${h}-${study.id}`, kind: "personal" })))
      .returning();
    const [item] = await database.db.select({ itemId: runItems.itemId }).from(runItems).where(eq(runItems.runId, runIds[0])).limit(1);
    await database.db.insert(judgements).values(
      people.map((p) => ({ studyId: study.id, source: "rater", raterId: p.id, itemId: item.itemId, runAId: runIds[1], runBId: runIds[0], leftRunId: runIds[0], choice: "a" })),
    );
    const view = await loadRunJudges(database.db, { runId: runIds[1] });
    const agreement = view!.judges.find((j) => j.judgeName === "judge-pair")!.agreement.pairwise;
    // Seeded fake judge: on this item at least one of the two orders gave a verdict.
    expect(agreement).toMatchObject({ units: 1, agreementRate: 1 });
  });

  it("a job runs once per judge, mode and runs, in the background", async () => {
    const server = await startServer({ seed: 9 });
    const judge = await judgeModel(server.url, "judge-job");
    const job = { judgeModelId: judge.id, runIds: [runIds[1]], mode: "pointwise" as const };
    expect(await startJudgeJob(database.db, job, judgeChatFor(judge))).toEqual({ started: true });
    expect(await startJudgeJob(database.db, job, judgeChatFor(judge))).toEqual({ started: false });
    expect((await judgeJobDone(job))!.judged).toBe(6);
    expect(judgeJobDone(job)).toBeNull();
  });
  it("a job left running by a killed server is resumed on start and finished; a live process's job is left alone", async () => {
    const server = await startServer({ seed: 13 });
    const judge = await judgeModel(server.url, "judge-resumed");
    const job = { judgeModelId: judge.id, runIds: [runIds[0]], mode: "pointwise" as const, maxItems: 4 };
    // Two of the four verdicts were stored before the kill.
    await runJudge(database.db, { ...job, maxItems: 2 }, { chat: judgeChatFor(judge) });
    const killed = "app-host-a-4242-dead01";
    const key = `${judge.id}:pointwise:${runIds[0]}`;
    await markJudgeJobRunning(database.db, { key, judgeModelId: judge.id, mode: "pointwise", runIds: [runIds[0]], maxItems: 4, owner: killed });
    const liveKey = `${judge.id}:pairwise:${[...runIds].sort().join(",")}`;
    await markJudgeJobRunning(database.db, { key: liveKey, judgeModelId: judge.id, mode: "pairwise", runIds, maxItems: 1, owner: "app-host-a-77-live01" });

    const resumed = await resumeJudgeJobs(database.db, { host: "host-a", alive: (pid) => pid === 77, chat: judgeChatFor(judge) });
    expect(resumed).toEqual([key]);
    expect(await judgeJobDone(job)).toMatchObject({ judged: 2, skipped: 2, failed: 0 });
    const rows = await database.db.select().from(judgements).where(eq(judgements.judgeModelId, judge.id));
    expect(rows).toHaveLength(4);
    expect(await getJudgeJob(database.db, { key })).toMatchObject({ status: "finished", outcome: { judged: 2, skipped: 2 } });
    expect(await getJudgeJob(database.db, { key: liveKey })).toMatchObject({ status: "running", owner: "app-host-a-77-live01" });
    // Finished jobs are not resumed again.
    expect(await resumeJudgeJobs(database.db, { host: "host-a", alive: () => false, chat: judgeChatFor(judge) })).toEqual([liveKey]);
    await judgeJobDone({ ...job, mode: "pairwise", runIds, maxItems: 1 });
  });
});
