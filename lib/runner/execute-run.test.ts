import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords, listRunItemsPage, requeueErrors } from "@/lib/db/queries/run-items";
import { getRun, listClaimableRunIds, setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { openDatabase } from "@/lib/db/client";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadBundledSuites } from "@/lib/suites/bundled";
import type { ChatMessage, McqGold } from "@/lib/suites/types";
import { fakeMcqChoice } from "@/scripts/fake-openai/answers";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

const SEED = 7;
let bundled: Awaited<ReturnType<typeof loadBundledSuites>>;

beforeAll(async () => {
  bundled = await loadBundledSuites();
});

async function seedSuites(db: TestDatabase["db"], ids: string[]) {
  for (const { suite, hash } of bundled.filter((b) => ids.includes(b.suite.id))) {
    await saveSuite(db, { suite, version: hash, bundled: true });
  }
}

/** Accuracy the run must reach, computed from what was sent and the fake server's own choice function. */
async function expectedMcq(db: TestDatabase["db"], runId: string) {
  const rows = await listRunItemRecords(db, { runId });
  let correct = 0;
  let unparsed = 0;
  for (const row of rows) {
    const choice = fakeMcqChoice(row.messages as ChatMessage[], SEED)!;
    if (choice.letter === null) unparsed++;
    else if (choice.letter === (row.gold as McqGold).answer) correct++;
  }
  return { accuracy: correct / rows.length, unparsed, n: rows.length };
}

describe.each(testEngines())("runs against a fake OpenAI-compatible server on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    database = await engine.open();
    await seedSuites(database.db, ["cmmlu-medical", "cmedqa-ner", "cmb-clin"]);
    fake = await startFakeOpenAI({ seed: SEED });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("scores multiple choice exactly as the server answered, then re-runs from the cache", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 16 });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 300 } });
    fake.resetStats();
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const finished = (await getRun(db, { id: run.id }))!;
    const expected = await expectedMcq(db, run.id);
    expect(expected.n).toBe(300);
    expect(finished.status).toBe("completed");
    expect(finished.metrics!.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(finished.summary).toMatchObject({ unparsed: expected.unparsed, errors: 0, items: 300 });
    const [lo, hi] = finished.ci!.accuracy;
    expect(lo).toBeLessThan(expected.accuracy);
    expect(hi).toBeGreaterThan(expected.accuracy);
    expect(fake.stats().requests).toBe(300);

    fake.resetStats();
    const again = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 300 } });
    expect(again.configHash).toBe(run.configHash);
    expect(await executeRun({ db, runId: again.id })).toBe("completed");
    expect(fake.stats().requests).toBe(0);
    const rerun = (await getRun(db, { id: again.id }))!;
    expect(rerun.metrics).toEqual(finished.metrics);
    expect((await getRunProgress(db, { runId: again.id })).cached).toBe(300);
  });

  it("takes the most probable option letter in logprob mode, as the paper did for open models", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-lp", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, {
      modelId: model.id,
      suiteId: "cmmlu-medical",
      settings: { limit: 60, answerMode: "logprobs", seed: 3 },
    });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const rows = await listRunItemRecords(db, { runId: run.id });
    const expected =
      rows.filter((r) => fakeMcqChoice(r.messages as ChatMessage[], SEED)!.intended === (r.gold as McqGold).answer)
        .length / rows.length;
    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.metrics!.accuracy).toBeCloseTo(expected, 12);
    expect(rows.every((r) => (r.parsed as { rule: string }).rule === "logprob")).toBe(true);
    expect(finished.summary).toMatchObject({ unparsed: 0 });
  });

  it("finishes a run whose runner stopped after its last write but before aggregating", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-stop", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 5, seed: 5 } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    await setRunStatus(db, { id: run.id, status: "running" });
    expect(await listClaimableRunIds(db)).toContain(run.id);
    const stopped = new AbortController();
    stopped.abort();
    expect(await executeRun({ db, runId: run.id, signal: stopped.signal })).toBe("stopped");
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    expect(await listClaimableRunIds(db)).not.toContain(run.id);
  });

  it("scores NER and open QA runs and records what was sent", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-gen", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const ner = await startRun(db, { modelId: model.id, suiteId: "cmedqa-ner", settings: { limit: 20 } });
    expect(await executeRun({ db, runId: ner.id })).toBe("completed");
    const nerRun = (await getRun(db, { id: ner.id }))!;
    expect(Object.keys(nerRun.metrics!).sort()).toEqual(["f1", "precision", "recall"]);
    const qa = await startRun(db, { modelId: model.id, suiteId: "cmb-clin", settings: { limit: 10 } });
    expect(await executeRun({ db, runId: qa.id })).toBe("completed");
    const qaRun = (await getRun(db, { id: qa.id }))!;
    expect(qaRun.metrics!.rougeL).toBeGreaterThan(0);
    expect(qaRun.summary).toMatchObject({ tokenizer: "char" });
    const page = await listRunItemsPage(db, { runId: qa.id, limit: 1 });
    expect(page.rows[0].rawResponse).toBeTruthy();
  });

  it("completes through every kind of server fault and explains the items it gave up on", async () => {
    const { db } = database;
    const faulty = await startFakeOpenAI({ seed: SEED, faults: 0.5, faultOnlyFirstAttempts: 1, retryAfterSeconds: 0 });
    try {
      const model = await createModel(db, {
        name: "faulty",
        provider: "openai",
        baseUrl: faulty.url,
        modelId: "fake-chimed",
        timeoutMs: 400,
        concurrency: 8,
      });
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40 } });
      expect(await executeRun({ db, runId: run.id, maxRetries: 3 })).toBe("completed");
      const done = (await getRun(db, { id: run.id }))!;
      expect(done.summary).toMatchObject({ errors: 0, done: 40 });
      expect(Object.keys(faulty.stats().byKind).length).toBeGreaterThan(3);

      const broken = await startFakeOpenAI({ seed: SEED, faults: [{ kind: "server_error", match: "下面是一道关于解剖学的单选题" }] });
      try {
        const m2 = await createModel(db, { name: "broken", provider: "openai", baseUrl: broken.url, modelId: "fake-chimed" });
        const r2 = await startRun(db, { modelId: m2.id, suiteId: "cmmlu-medical", settings: { subsets: ["anatomy"], limit: 30 } });
        expect(await executeRun({ db, runId: r2.id, maxRetries: 1 })).toBe("completed");
        const failedItems = await listRunItemsPage(db, { runId: r2.id, filter: "error" });
        expect(failedItems.total).toBe(30);
        expect(failedItems.rows[0].error).toMatch(/500/);
        expect(await getRun(db, { id: r2.id })).toMatchObject({ status: "completed_with_errors", summary: { errors: 30, done: 0, errorShare: 1 } });
        expect(await requeueErrors(db, { runId: r2.id })).toBe(30);
        expect((await getRunProgress(db, { runId: r2.id })).pending).toBe(30);
      } finally {
        await broken.close();
      }
    } finally {
      await faulty.close();
    }
  });

  it("lets two runners share one run without calling the server twice for an item", async () => {
    const { db } = database;
    const slow = await startFakeOpenAI({ seed: SEED, latencyMs: 5 });
    const second = database.url ? openDatabase({ url: database.url }) : null;
    try {
      const model = await createModel(db, { name: "shared", provider: "openai", baseUrl: slow.url, modelId: "fake-chimed", concurrency: 4 });
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 120, seed: 99 } });
      const outcomes = await Promise.all([
        executeRun({ db, runId: run.id, owner: "a" }),
        executeRun({ db: second?.db ?? db, runId: run.id, owner: "b" }),
      ]);
      expect(outcomes).toContain("completed");
      expect(slow.stats().requests).toBe(120);
      const rows = await listRunItemRecords(db, { runId: run.id });
      const owners = new Set(rows.map((r) => r.leaseOwner));
      expect(owners).toEqual(new Set(["a", "b"]));
      expect((await getRun(db, { id: run.id }))!.status).toBe("completed");
    } finally {
      await second?.close();
      await slow.close();
    }
  });
});
