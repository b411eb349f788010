import { randomUUID } from "node:crypto";
import { getEventListeners } from "node:events";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel, updateModel } from "@/lib/db/queries/models";
import { claimRunItems, getRunProgress, listRunItemRecords, listRunItemsPage, requeueErrors } from "@/lib/db/queries/run-items";
import { getRun, listClaimableRunIds, rowsOf, setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { openDatabase } from "@/lib/db/client";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { contentHash } from "@/lib/suites/content-hash";
import { importScales } from "@/lib/suites/importers/scales";
import { importUserSuite } from "@/lib/suites/importers/user-upload";
import type { ChatMessage, McqGold } from "@/lib/suites/types";
import { corpusBleu } from "@/lib/scoring/bleu";
import { rougeF1 } from "@/lib/scoring/rouge";
import { tokenize } from "@/lib/scoring/tokenize";
import { answerSeed, fakeAnswer, fakeMcqChoice, fakeNerEntities } from "@/scripts/fake-openai/answers";
import { type FakeEntity, formatEntities } from "@/scripts/fake-openai/ner";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { cancelRun } from "./control";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

const startServer = fakeServersPerTest();

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

/**
 * What the NER server below answers: the gold entities at even positions (typed with the prompt's labels) and the
 * fake server's own guesses, so an item has hits, misses and false alarms.
 */
function nerAnswer(messages: ChatMessage[]): FakeEntity[] {
  const suite = bundled.find((b) => b.suite.id === "cmedqa-ner")!.suite;
  const labelOf = new Map((suite.config.entityTypes as { id: string; label: string }[]).map((t) => [t.id, t.label]));
  const prompt = messages.at(-1)!.content;
  const item = suite.items
    .filter((i) => prompt.includes((i.input as { text: string }).text))
    .sort((a, b) => (b.input as { text: string }).text.length - (a.input as { text: string }).text.length)[0];
  const gold = (item.gold as { entities: FakeEntity[] }).entities.filter((_, i) => i % 2 === 0);
  const answer = gold.map((e) => ({ text: e.text, type: labelOf.get(e.type)! }));
  for (const guess of fakeNerEntities(messages, SEED) ?? []) if (!answer.some((e) => e.text === guess.text)) answer.push(guess);
  return answer;
}

/**
 * Micro P/R/F1 the run must reach, counted here with plain sets: the server's answer (labels mapped back to
 * type ids through the suite's config) against the gold (text, type) pairs.
 */
async function expectedNer(db: TestDatabase["db"], runId: string) {
  const suite = bundled.find((b) => b.suite.id === "cmedqa-ner")!.suite;
  const idOf = new Map((suite.config.entityTypes as { id: string; label: string }[]).map((t) => [t.label, t.id]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const row of await listRunItemRecords(db, { runId })) {
    const predicted = new Set(nerAnswer(row.messages as ChatMessage[]).map((e) => `${idOf.get(e.type)}|${e.text}`));
    const gold = new Set((row.gold as { entities: FakeEntity[] }).entities.map((e) => `${e.type}|${e.text}`));
    const hits = [...predicted].filter((p) => gold.has(p)).length;
    tp += hits;
    fp += predicted.size - hits;
    fn += gold.size - hits;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
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

  it("scores NER exactly as the server answered: micro F1 from its own entities against gold", async () => {
    const { db } = database;
    const nerServer = await startServer({ seed: SEED, oracle: (messages) => formatEntities(nerAnswer(messages)) });
    const model = await createModel(db, { name: "fake-ner", provider: "openai", baseUrl: nerServer.url, modelId: "fake-chimed" });
    const ner = await startRun(db, { modelId: model.id, suiteId: "cmedqa-ner", settings: { limit: 20 } });
    expect(await executeRun({ db, runId: ner.id })).toBe("completed");
    const nerRun = (await getRun(db, { id: ner.id }))!;
    const expected = await expectedNer(db, ner.id);
    expect(Math.min(expected.tp, expected.fp, expected.fn)).toBeGreaterThan(0);
    expect(nerRun.metrics!.precision).toBeCloseTo(expected.precision, 12);
    expect(nerRun.metrics!.recall).toBeCloseTo(expected.recall, 12);
    expect(nerRun.metrics!.f1).toBeCloseTo(expected.f1, 12);
  });

  it("scores open QA exactly as the server answered: ROUGE and BLEU from its own text against the references", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-gen", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const qa = await startRun(db, { modelId: model.id, suiteId: "cmb-clin", settings: { limit: 10 } });
    expect(await executeRun({ db, runId: qa.id })).toBe("completed");
    const qaRun = (await getRun(db, { id: qa.id }))!;
    expect(qaRun.summary).toMatchObject({ tokenizer: "char" });
    const rows = await listRunItemRecords(db, { runId: qa.id });
    expect(rows).toHaveLength(10);
    const hyps = rows.map((r) => tokenize(fakeAnswer(r.messages as ChatMessage[], SEED).text, "char"));
    const refs = rows.map((r) => (r.gold as { references: string[] }).references.map((ref) => tokenize(ref, "char")));
    const rouge = hyps.map((hyp, i) => rougeF1(hyp, refs[i]));
    const average = (key: keyof (typeof rouge)[number]) => rouge.reduce((sum, r) => sum + r[key], 0) / rouge.length;
    expect(average("rougeL")).toBeGreaterThan(0);
    expect(qaRun.metrics!.rouge1).toBeCloseTo(average("rouge1"), 12);
    expect(qaRun.metrics!.rouge2).toBeCloseTo(average("rouge2"), 12);
    expect(qaRun.metrics!.rougeL).toBeCloseTo(average("rougeL"), 12);
    expect(qaRun.metrics!.bleu1).toBeCloseTo(corpusBleu(hyps, refs, 1), 12);
    expect(qaRun.metrics!.bleu4).toBeCloseTo(corpusBleu(hyps, refs, 4), 12);
    expect(rows.map((r) => r.rawResponse)).toEqual(rows.map((r) => fakeAnswer(r.messages as ChatMessage[], SEED).text));
  });

  it("sends every sample of a sampled run as its own request, with its own seed", async () => {
    const { db } = database;
    const sampling = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-samples", provider: "openai", baseUrl: sampling.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmb-clin", settings: { limit: 6, samples: 3, temperature: 0.8 } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const seed = (run.settings as { seed: number }).seed;
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows).toHaveLength(18);
    expect((await getRunProgress(db, { runId: run.id })).cached).toBe(0);
    // Three requests per item at the server, none answered from the cache of another sample.
    for (const row of rows) expect(sampling.callsFor(row.messages as ChatMessage[])).toBe(3);
    expect(sampling.stats().requests).toBe(18);
    // Each sample's answer is the one the server gives for that sample's seed.
    const answerOf = (row: (typeof rows)[number]) =>
      fakeAnswer(row.messages as ChatMessage[], answerSeed(SEED, { temperature: 0.8, seed: seed + row.sample }, 0)).text;
    expect(rows.map((r) => r.rawResponse)).toEqual(rows.map(answerOf));
    expect(new Set(rows.filter((r) => r.itemId === rows[0].itemId).map((r) => r.rawResponse)).size).toBe(3);
  });

  it("completes through every kind of server fault and explains the items it gave up on", async () => {
    const { db } = database;
    const faulty = await startServer({ seed: SEED, faults: 0.5, faultOnlyFirstAttempts: 1, retryAfterSeconds: 0 });
    const model = await createModel(db, {
      name: "faulty",
      provider: "openai",
      baseUrl: faulty.url,
      modelId: "fake-chimed",
      concurrency: 8,
    });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 40 } });
    // Only first attempts can hang, so only they get a short limit: a slow machine can make an answered first
    // attempt be asked again, never a retry time out.
    const attemptTimeoutMs = (attempt: number) => (attempt === 1 ? 500 : 60_000);
    expect(await executeRun({ db, runId: run.id, maxRetries: 3, attemptTimeoutMs })).toBe("completed");
    const done = (await getRun(db, { id: run.id }))!;
    expect(done.summary).toMatchObject({ errors: 0, done: 40 });
    expect(Object.keys(faulty.stats().byKind).length).toBeGreaterThan(3);

    const broken = await startServer({ seed: SEED, faults: [{ kind: "server_error", match: "下面是一道关于解剖学的单选题" }] });
    const m2 = await createModel(db, { name: "broken", provider: "openai", baseUrl: broken.url, modelId: "fake-chimed" });
    const r2 = await startRun(db, { modelId: m2.id, suiteId: "cmmlu-medical", settings: { subsets: ["anatomy"], limit: 30 } });
    expect(await executeRun({ db, runId: r2.id, maxRetries: 1 })).toBe("completed");
    const failedItems = await listRunItemsPage(db, { runId: r2.id, filter: "error" });
    expect(failedItems.total).toBe(30);
    expect(failedItems.rows[0].error).toMatch(/500/);
    expect(await getRun(db, { id: r2.id })).toMatchObject({ status: "completed_with_errors", summary: { errors: 30, done: 0, errorShare: 1 } });
    expect(await requeueErrors(db, { runId: r2.id })).toBe(30);
    expect((await getRunProgress(db, { runId: r2.id })).pending).toBe(30);
  });

  it("lets two runners share one run without calling the server twice for an item", async () => {
    const { db } = database;
    const slow = await startServer({ seed: SEED, latencyMs: 5 });
    const second = database.url ? openDatabase({ url: database.url }) : null;
    try {
      const model = await createModel(db, { name: "shared", provider: "openai", baseUrl: slow.url, modelId: "fake-chimed", concurrency: 4 });
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 120, seed: 99 } });
      // Held until both runners have requests in flight: one runner may not finish the run before the other
      // has claimed, however slowly the second connection opens.
      slow.hold();
      const running = Promise.all([
        executeRun({ db, runId: run.id, owner: "a" }),
        executeRun({ db: second?.db ?? db, runId: run.id, owner: "b" }),
      ]);
      await slow.whenInFlight(8);
      slow.release();
      const outcomes = await running;
      expect(outcomes).toContain("completed");
      expect(slow.stats().requests).toBe(120);
      const rows = await listRunItemRecords(db, { runId: run.id });
      const owners = new Set(rows.map((r) => r.leaseOwner));
      expect(owners).toEqual(new Set(["a", "b"]));
      expect((await getRun(db, { id: run.id }))!.status).toBe("completed");
    } finally {
      await second?.close();
    }
  });

  it("refuses a run that does not exist", async () => {
    const runId = randomUUID();
    await expect(executeRun({ db: database.db, runId })).rejects.toThrow(`run ${runId} does not exist`);
  });

  it("leaves a finished run as it is, even once its model can no longer be run", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-done", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 3, seed: 11 } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const finished = await getRun(db, { id: run.id });
    // The model loses its server: a runner that started on this run would fail it.
    await updateModel(db, { id: model.id, values: { baseUrl: null } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    expect(await getRun(db, { id: run.id })).toEqual(finished);
  });

  it("answers a cancelled or failed run with its status, without asking the model", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-stopped", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const cancelled = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 3, seed: 12 } });
    await cancelRun(db, cancelled.id);
    const failed = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 3, seed: 13 } });
    await setRunStatus(db, { id: failed.id, status: "failed", error: "the model's server refused the key" });
    expect(await executeRun({ db, runId: cancelled.id })).toBe("cancelled");
    expect(await executeRun({ db, runId: failed.id })).toBe("failed");
    expect(server.stats().requests).toBe(0);
    expect(await getRun(db, { id: cancelled.id })).toMatchObject({ status: "cancelled" });
    expect(await getRun(db, { id: failed.id })).toMatchObject({ status: "failed", error: "the model's server refused the key" });
    for (const run of [cancelled, failed]) expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 3, done: 0 });
  });

  it("gives each runner that is not named an owner of its own", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-unnamed", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const owners = [];
    for (const seed of [21, 22]) {
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 3, seed } });
      expect(await executeRun({ db, runId: run.id })).toBe("completed");
      const rows = await listRunItemRecords(db, { runId: run.id });
      expect(new Set(rows.map((r) => r.leaseOwner)).size).toBe(1);
      owners.push(rows[0].leaseOwner);
    }
    expect(owners[0]).toBeTruthy();
    expect(owners[1]).toBeTruthy();
    expect(owners[0]).not.toBe(owners[1]);
  });

  it("has as many requests out at a time as the model's concurrency, or the run's own when it sets one", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-parallel", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 4 });
    for (const [settings, concurrency] of [
      [{ seed: 31 }, 4],
      [{ seed: 32, concurrency: 2 }, 2],
    ] as const) {
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 12, ...settings } });
      server.resetStats();
      server.hold();
      const outcome = executeRun({ db, runId: run.id });
      try {
        // Every answer is held back: the runner sends what it may, then waits.
        await vi.waitFor(() => expect(server.stats().held).toBe(concurrency), { timeout: 30_000, interval: 20 });
      } finally {
        server.release();
      }
      expect(await outcome).toBe("completed");
      expect(server.stats()).toMatchObject({ requests: 12, inFlightMax: concurrency });
    }
  });

  it("asks nothing when stopped before it starts, and leaves every item queued", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-prestopped", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 5, seed: 41 } });
    const stopped = new AbortController();
    stopped.abort();
    expect(await executeRun({ db, runId: run.id, signal: stopped.signal })).toBe("stopped");
    expect(server.stats().requests).toBe(0);
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 5, running: 0, done: 0, errors: 0 });
  });

  it("does not fail the run when stopped while it checks what the model can do", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const bytes = new TextEncoder().encode("高血压患者应低盐饮食。\n\nCT检查提示肺部结节。\n");
    const { suite } = importUserSuite({ fileName: "notes.txt", bytes, taskKind: "perplexity", id: "stopped-notes", name: "Stopped notes" });
    await saveSuite(db, { suite, version: contentHash(suite), bundled: false });
    const model = await createModel(db, { name: "fake-lm-stopped", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: {} });
    server.hold();
    const stop = new AbortController();
    const outcome = executeRun({ db, runId: run.id, signal: stop.signal, maxRetries: 0 });
    // A perplexity run first asks the server for a text's log-probabilities; it is stopped meanwhile.
    await server.whenInFlight(1);
    stop.abort();
    expect(await outcome).toBe("stopped");
    expect(await getRun(db, { id: run.id })).toMatchObject({ status: "queued", error: null });
    expect(server.stats().requests).toBe(1);
  });

  it("writes its answers in batches of 64 rows, not one write per answer", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-batched", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 4 });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 100, seed: 61 } });
    const written: number[] = [];
    // The writer's once-a-second flush never comes: only full batches and the last, at the end, are written.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      expect(await executeRun({ db, runId: run.id, onProgress: (p) => written.push(p.written) })).toBe("completed");
    } finally {
      vi.useRealTimers();
    }
    expect(written).toEqual([64, 100]);
    expect((await getRunProgress(db, { runId: run.id })).done).toBe(100);
  });

  it("leaves no listener on the caller's stop signal once it returns: one signal serves many runs", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-signal", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const stopper = new AbortController();
    for (const seed of [71, 72]) {
      const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 3, seed } });
      expect(await executeRun({ db, runId: run.id, signal: stopper.signal })).toBe("completed");
      expect(getEventListeners(stopper.signal, "abort")).toEqual([]);
    }
  });

  it("hands its items back, with no error recorded, when stopped while the model is answering", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-midway", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 2 });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 4, seed: 81 } });
    server.hold();
    const stop = new AbortController();
    const outcome = executeRun({ db, runId: run.id, signal: stop.signal });
    await server.whenInFlight(2);
    stop.abort();
    expect(await outcome).toBe("stopped");
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ pending: 4, running: 0, done: 0, errors: 0 });
  });

  it("leaves the run to the runner that still holds items when it has finished its own share", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-share", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 5, seed: 91 } });
    // Another runner (on another host) has taken one item and is still working on it.
    await setRunStatus(db, { id: run.id, status: "running" });
    expect(await claimRunItems(db, { runId: run.id, owner: "worker-elsewhere", limit: 1, leaseSeconds: 600 })).toHaveLength(1);
    expect(await executeRun({ db, runId: run.id })).toBe("waiting");
    expect(await getRun(db, { id: run.id })).toMatchObject({ status: "running", metrics: null });
    expect(await getRunProgress(db, { runId: run.id })).toMatchObject({ done: 4, running: 1, pending: 0 });
  });

  it("stores the items it cannot prepare as errors, without asking the model", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    // A scale whose instruction has no doctor persona: the neutral instruction (the persona removed) cannot be built.
    const [cami] = importScales({ fileName: "scales.json", bytes: readFileSync("data/scales/scales.json") });
    const config = cami.config as unknown as { chimedPrompt: { zh: string } };
    const noPersona = { ...config, chimedPrompt: { ...config.chimedPrompt, zh: config.chimedPrompt.zh.replace(/^假设你是一名医生，/, "") } };
    expect(noPersona.chimedPrompt.zh).not.toBe(config.chimedPrompt.zh);
    await saveSuite(db, { suite: { ...cami, id: "no-persona", taskKind: "scale", source: "unit test", config: noPersona }, version: "v1", bundled: false });
    const model = await createModel(db, { name: "fake-unasked", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "no-persona", settings: { instruction: "neutral", limit: 3, samples: 1 } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    expect(server.stats().requests).toBe(0);
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows).toHaveLength(run.total!);
    for (const row of rows) expect(row).toMatchObject({ status: "error", error: expect.stringMatching(/no doctor persona found to remove/) });
    expect((await getRun(db, { id: run.id }))!.status).toBe("completed_with_errors");
  });

  it("claims its next batch while the model still has work queued, not once it has run dry", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-ahead", provider: "openai", baseUrl: server.url, modelId: "fake-chimed", concurrency: 1 });
    // 70 items, claimed 64 at a time; with one request at a time the next batch is due when fewer than two are queued.
    const run = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings: { limit: 70, seed: 101 } });
    server.hold({ after: 62 });
    const outcome = executeRun({ db, runId: run.id });
    try {
      // The 63rd answer is held: one item of the first batch is still queued, and the rest of the run is claimed.
      await vi.waitFor(async () => expect(server.stats().requests).toBe(63), { timeout: 30_000, interval: 20 });
      await vi.waitFor(async () => expect((await getRunProgress(db, { runId: run.id })).pending).toBe(0), { timeout: 30_000, interval: 50 });
    } finally {
      server.release();
    }
    expect(await outcome).toBe("completed");
    expect(server.stats().requests).toBe(70);
  });

  it("asks again for an item whose cached response is not one it wrote", async () => {
    const { db } = database;
    const server = await startServer({ seed: SEED });
    const model = await createModel(db, { name: "fake-recache", provider: "openai", baseUrl: server.url, modelId: "fake-chimed" });
    const settings = { limit: 5, seed: 111 };
    const [{ since }] = rowsOf<{ since: unknown }>(await db.execute(sql`select now() as since`));
    const first = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings });
    expect(await executeRun({ db, runId: first.id })).toBe("completed");
    // The responses this run cached are replaced by rows of another shape (an older version's, say).
    const replaced = rowsOf(await db.execute(sql`update response_cache set response = '{"choices": []}'::jsonb where created_at >= ${since} returning key`));
    expect(replaced).toHaveLength(5);
    server.resetStats();
    const again = await startRun(db, { modelId: model.id, suiteId: "cmmlu-medical", settings });
    expect(await executeRun({ db, runId: again.id })).toBe("completed");
    expect(server.stats().requests).toBe(5);
    expect(await getRunProgress(db, { runId: again.id })).toMatchObject({ done: 5, errors: 0, cached: 0 });
    expect((await getRun(db, { id: again.id }))!.metrics).toEqual((await getRun(db, { id: first.id }))!.metrics);
  });
});
