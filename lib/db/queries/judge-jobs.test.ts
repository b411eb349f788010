import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { getJudgeJob, listRunningJudgeJobs, markJudgeJobFinished, markJudgeJobRunning, takeOverJudgeJob } from "./judge-jobs";
import { createModel } from "./models";

describe.each(testEngines())("judge job queries on $name", (engine) => {
  let database: TestDatabase;
  let judgeModelId: string;
  beforeAll(async () => {
    database = await engine.open();
    judgeModelId = (await createModel(database.db, { name: "judge", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "j" })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const start = (key: string, owner: string, maxItems: number | null = 10) =>
    markJudgeJobRunning(database.db, { key, judgeModelId, mode: "pairwise", runIds: ["r1", "r2"], maxItems, owner });

  it("records a new job as running under its owner", async () => {
    await start("k-new", "host:1");
    expect(await getJudgeJob(database.db, { key: "k-new" })).toMatchObject({
      key: "k-new",
      judgeModelId,
      mode: "pairwise",
      runIds: ["r1", "r2"],
      maxItems: 10,
      status: "running",
      owner: "host:1",
      outcome: null,
    });
    expect(await getJudgeJob(database.db, { key: "k-missing" })).toBeNull();
  });

  it("finishes a job with its outcome only for the owner that runs it", async () => {
    await start("k-finish", "host:1");
    await markJudgeJobFinished(database.db, { key: "k-finish", owner: "host:2", outcome: { judged: 1 } });
    expect(await getJudgeJob(database.db, { key: "k-finish" })).toMatchObject({ status: "running", outcome: null });
    await markJudgeJobFinished(database.db, { key: "k-finish", owner: "host:1", outcome: { judged: 4, errors: 1 } });
    expect(await getJudgeJob(database.db, { key: "k-finish" })).toMatchObject({ status: "finished", owner: "host:1", outcome: { judged: 4, errors: 1 } });
  });

  it("starts the same job again on its row, with the new owner and limit and no outcome", async () => {
    await start("k-again", "host:1", 10);
    await markJudgeJobFinished(database.db, { key: "k-again", owner: "host:1", outcome: { judged: 2 } });
    await start("k-again", "host:2", null);
    expect(await getJudgeJob(database.db, { key: "k-again" })).toMatchObject({ status: "running", owner: "host:2", maxItems: null, outcome: null });
  });

  it("lists only the running jobs", async () => {
    await start("k-run-a", "host:1");
    await start("k-run-b", "host:1");
    await markJudgeJobFinished(database.db, { key: "k-run-b", owner: "host:1", outcome: {} });
    const keys = (await listRunningJudgeJobs(database.db)).map((j) => j.key);
    expect(keys).toContain("k-run-a");
    expect(keys).not.toContain("k-run-b");
    expect((await listRunningJudgeJobs(database.db)).every((j) => j.status === "running")).toBe(true);
  });

  it("hands a running job to one new owner, only from the owner named", async () => {
    await start("k-take", "dead:1");
    expect(await takeOverJudgeJob(database.db, { key: "k-take", from: "other:9", to: "host:2" })).toBe(false);
    expect(await takeOverJudgeJob(database.db, { key: "k-take", from: "dead:1", to: "host:2" })).toBe(true);
    expect(await getJudgeJob(database.db, { key: "k-take" })).toMatchObject({ owner: "host:2", status: "running" });
    // A second process that saw the same dead owner comes too late.
    expect(await takeOverJudgeJob(database.db, { key: "k-take", from: "dead:1", to: "host:3" })).toBe(false);
    expect(await getJudgeJob(database.db, { key: "k-take" })).toMatchObject({ owner: "host:2" });
  });

  it("does not take over a finished job", async () => {
    await start("k-done", "dead:1");
    await markJudgeJobFinished(database.db, { key: "k-done", owner: "dead:1", outcome: { judged: 0 } });
    expect(await takeOverJudgeJob(database.db, { key: "k-done", from: "dead:1", to: "host:2" })).toBe(false);
    expect(await getJudgeJob(database.db, { key: "k-done" })).toMatchObject({ owner: "dead:1", status: "finished" });
  });
});
