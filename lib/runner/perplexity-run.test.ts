import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { createOnnxLocalProvider } from "@/lib/providers/onnx-local";
import { contentHash } from "@/lib/suites/content-hash";
import { importUserSuite } from "@/lib/suites/importers/user-upload";
import { fakeDocumentTotals, NO_PROMPT_LOGPROBS_MODEL } from "@/scripts/fake-openai/prompt-logprobs";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { writeTinyModel } from "@/scripts/tiny-model/build";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

const SEED = 7;
// A plain text corpus: three documents separated by blank lines. The last (40 characters, all CJK) is longer
// than the 16-character context, so it is scored in windows; CJK tokens are one character each, so windows do
// not change how it is cut into tokens.
const long = "患者男性四十九岁因右下腹疼痛三小时入院查体右下腹可触及一包块压痛明显界欠清初步诊断为腹股沟斜疝嵌顿".slice(0, 40);
const corpus = `CT检查提示肺部结节。\n\n高血压患者应低盐饮食\n并规律服药。\n\n\n${long}\n`;
const documents = ["CT检查提示肺部结节。", "高血压患者应低盐饮食\n并规律服药。", long];

let onnxRoot: string;
const savedOnnxRoot = env.CHIMED_ONNX_DIR;
beforeAll(() => {
  onnxRoot = mkdtempSync(path.join(tmpdir(), "ppl-onnx-"));
  writeTinyModel(path.join(onnxRoot, "tiny"));
  env.CHIMED_ONNX_DIR = onnxRoot;
});
afterAll(() => {
  env.CHIMED_ONNX_DIR = savedOnnxRoot;
  rmSync(onnxRoot, { recursive: true, force: true });
});

describe.each(testEngines())("a perplexity suite run on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: SEED });
    const file = { fileName: "corpus.txt", bytes: new TextEncoder().encode(corpus) };
    const { suite } = importUserSuite({ ...file, taskKind: "perplexity", id: "corpus-demo", name: "Corpus demo" });
    expect(suite.items.map((i) => i.input.text)).toEqual(documents);
    await saveSuite(database.db, { suite, version: contentHash(suite), bundled: false });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("scores documents in strided windows against the fake server: bits per character from its own function", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "fake-lm", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "corpus-demo", settings: { seed: 5, contextChars: 16, strideChars: 8 } });
    expect(await executeRun({ db, runId: run.id, maxRetries: 0 })).toBe("completed");

    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.status).toBe("completed");
    expect(finished.settings).toMatchObject({ contextChars: 16, strideChars: 8 });
    // The fake server's own numbers: every token but the first, its log-probability given the one before.
    const totals = documents.map((text) => fakeDocumentTotals(SEED, text));
    const sum = (f: (t: (typeof totals)[number]) => number) => totals.reduce((s, t) => s + f(t), 0);
    const bits = sum((t) => t.nats) / Math.LN2;
    expect(finished.metrics!.bits_per_char).toBeCloseTo(bits / sum((t) => t.chars), 10);
    expect(finished.metrics!.bits_per_byte).toBeCloseTo(bits / sum((t) => t.bytes), 10);
    expect(finished.metrics!.token_perplexity).toBeCloseTo(Math.exp(sum((t) => t.nats) / sum((t) => t.tokens)), 10);
    expect(finished.ci!.bits_per_char[0]).toBeLessThanOrEqual(finished.metrics!.bits_per_char);
    expect(finished.summary).toMatchObject({ scored: 3, contextChars: 16, strideChars: 8 });
    // Context 16, stride 8: 11 characters take one window, 17 two (ending at 16, 17), 40 four (16, 24, 32, 40).
    const records = await listRunItemRecords(db, { runId: run.id });
    expect(records.map((r) => JSON.parse(r.rawResponse!).windows).sort()).toEqual([1, 2, 4]);
  });

  it("scores the documents with an ONNX model on this server: the tiny model's own token log-probabilities", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "tiny onnx", provider: "onnx-local", modelId: "tiny", params: { dtype: "fp32" }, concurrency: 1 });
    const run = await startRun(db, { modelId: model.id, suiteId: "corpus-demo", settings: { seed: 5 } });
    expect(await executeRun({ db, runId: run.id, maxRetries: 0 })).toBe("completed");
    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.summary).toMatchObject({ scored: 3, contextChars: 1024 });
    // Each document fits one window, one token per character: every character but the first is scored.
    const provider = createOnnxLocalProvider({ dir: path.join(onnxRoot, "tiny") });
    let nats = 0;
    for (const text of documents) nats -= (await provider.promptLogprobs(text)).logprobs.slice(1).reduce((s: number, v) => s + v!, 0);
    const chars = documents.reduce((s, d) => s + [...d].length - 1, 0);
    expect(finished.metrics!.bits_per_char).toBeCloseTo(nats / Math.LN2 / chars, 10);
  });

  it("fails the run once, naming what is missing, on a server without prompt log-probabilities", async () => {
    const { db } = database;
    const model = await createModel(db, { name: "no-echo", provider: "openai", baseUrl: fake.url, modelId: NO_PROMPT_LOGPROBS_MODEL });
    const run = await startRun(db, { modelId: model.id, suiteId: "corpus-demo", settings: {} });
    expect(await executeRun({ db, runId: run.id, maxRetries: 0 })).toBe("failed");
    const failed = (await getRun(db, { id: run.id }))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/refused \/v1\/completions with echo and logprobs.*cannot score perplexity/);
    expect((await listRunItemRecords(db, { runId: run.id })).every((r) => r.status === "pending")).toBe(true);
  });
});
