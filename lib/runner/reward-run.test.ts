import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { contentHash } from "@/lib/suites/content-hash";
import { importUserSuite } from "@/lib/suites/importers/user-upload";
import { JUDGE_ORDERS, judgeMessages, judgeRewards, judgeVerdict } from "@/lib/tasks/reward-judge";
import { fakeMcqChoice } from "@/scripts/fake-openai/answers";
import { REWARD_ERROR_MARKER } from "@/scripts/fake-openai/reward";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

// The fake reward of an answer is its length: right, tie, wrong, right, and one tuple the scorer refuses.
const tuples = [
  { question: "q1", response_chosen: "长长的回答", response_rejected: "短", category: "a" },
  { question: "q2", response_chosen: "一样", response_rejected: "等长", category: "a" },
  { question: "q3", response_chosen: "短", response_rejected: "更长的回答", category: "b" },
  { question: "q4", response_chosen: "四个字符", response_rejected: "三个字", category: "b" },
  { question: "q5", response_chosen: `x ${REWARD_ERROR_MARKER}`, response_rejected: "y", category: "b" },
];

describe.each(testEngines())("a reward suite run on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 3 });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("scores tuples through a TEI scorer: accuracy with ties as half, the refused tuple an error", async () => {
    const { db } = database;
    const file = { fileName: "pairs.jsonl", bytes: new TextEncoder().encode(tuples.map((r) => JSON.stringify(r)).join("\n")) };
    const { suite } = importUserSuite({ ...file, taskKind: "reward", id: "pairs-demo", name: "Pairs demo" });
    await saveSuite(db, { suite, version: contentHash(suite), bundled: false });
    const model = await createModel(db, {
      name: "fake-reward",
      provider: "reward",
      baseUrl: fake.url,
      modelId: "fake-rm",
      params: { scorer: { api: "tei" } },
    });
    const run = await startRun(db, { modelId: model.id, suiteId: "pairs-demo", settings: { seed: 5 } });
    expect(await executeRun({ db, runId: run.id, maxRetries: 0 })).toBe("completed");

    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.status).toBe("completed_with_errors");
    // (1 + 0.5 + 0 + 1) / 4 scored tuples.
    expect(finished.metrics).toEqual({ accuracy: 0.625 });
    expect(finished.summary).toMatchObject({ scored: 4, ties: 1, errors: 1, byCategory: { a: { accuracy: 0.75 }, b: { accuracy: 0.5 } } });
    const records = await listRunItemRecords(db, { runId: run.id });
    expect(records.find((r) => r.status === "error")?.error).toMatch(/500/);
  });

  it("lets a chat model judge the tuples in both orders, labelled as a judge", async () => {
    const { db } = database;
    const chat = await createModel(db, { name: "fake-judge", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: chat.id, suiteId: "pairs-demo", settings: { seed: 5 } });
    expect(await executeRun({ db, runId: run.id, maxRetries: 0 })).toBe("completed");
    // What the fake chat server picks for each order is a pure function of the prompt and its seed.
    const expected = tuples.map((t) => {
      const input = { prompt: t.question, chosen: t.response_chosen, rejected: t.response_rejected };
      const verdicts = JUDGE_ORDERS.map((order) => {
        const letter = fakeMcqChoice(judgeMessages(input, order), 3)?.letter ?? null;
        return letter === null ? null : judgeVerdict(letter, input, order);
      });
      return judgeRewards(verdicts);
    });
    const scored = expected.filter((r) => r !== null);
    const accuracy = scored.reduce((s, r) => s + (r.chosen > r.rejected ? 1 : r.chosen === r.rejected ? 0.5 : 0), 0) / scored.length;
    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.metrics!.accuracy).toBeCloseTo(accuracy, 12);
    expect(finished.summary).toMatchObject({ scorer: "judge", scored: scored.length });
    const records = await listRunItemRecords(db, { runId: run.id });
    expect(records.every((r) => JSON.parse(r.rawResponse!).replies.length === 2)).toBe(true);
  });

  it("refuses a reward model on a chat suite", async () => {
    const { db } = database;
    const rows = [{ question: "q", answer: "a" }];
    const file = { fileName: "qa.jsonl", bytes: new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join("\n")) };
    const { suite } = importUserSuite({ ...file, taskKind: "open_qa", id: "qa-demo", name: "QA demo" });
    await saveSuite(db, { suite, version: contentHash(suite), bundled: false });
    const rm = await createModel(db, { name: "fake-rm-2", provider: "reward", baseUrl: fake.url, modelId: "rm", params: { scorer: { api: "tei" } } });
    await expect(startRun(db, { modelId: rm.id, suiteId: "qa-demo", settings: {} })).rejects.toThrow(/scores reward suites only/);
  });
});
