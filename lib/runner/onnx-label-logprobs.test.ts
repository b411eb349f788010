import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { generate } from "@/lib/onnx/generate";
import { allowAbsoluteOnnxDirsInThisProcess } from "@/lib/providers/onnx-dir";
import { stopOnnxWorkers } from "@/lib/providers/onnx-local";
import { loadOnnxModel } from "@/lib/providers/onnx-session";
import { loadBundledSuites } from "@/lib/suites/bundled";
import type { ChatMessage, McqGold, McqInput, SuiteDefinition } from "@/lib/suites/types";
import { writeTinyModel } from "@/scripts/tiny-model/build";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

// The tiny model favours A–D; with the options lettered E–H its top 20 at the answer often holds none of them, so a
// logprob-mode run reads every letter only through the labels the runner passes to the onnx-local provider.
const TO_EFGH: Record<string, string> = { A: "E", B: "F", C: "G", D: "H" };
let dir: string;
let suite: SuiteDefinition;

beforeAll(async () => {
  allowAbsoluteOnnxDirsInThisProcess();
  dir = mkdtempSync(path.join(tmpdir(), "onnx-labels-"));
  writeTinyModel(dir);
  const cmmlu = (await loadBundledSuites()).find((b) => b.suite.id === "cmmlu-medical")!.suite;
  suite = {
    ...cmmlu,
    id: "cmmlu-efgh",
    items: cmmlu.items.slice(0, 12).map((item) => {
      const { options, ...input } = item.input as McqInput;
      return {
        ...item,
        split: "test",
        input: { ...input, options: Object.fromEntries(Object.entries(options).map(([k, v]) => [TO_EFGH[k] ?? k, v])) },
        gold: { ...item.gold, answer: TO_EFGH[(item.gold as McqGold).answer] },
      };
    }),
  };
});
afterAll(async () => {
  await stopOnnxWorkers();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(testEngines({ only: ["pglite-wire"] }))("an onnx-local run in logprob mode on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("reads every option letter's logprob, also those outside the model's top 20", async () => {
    const { db } = database;
    await saveSuite(db, { suite, version: "efgh-1", bundled: false });
    const model = await createModel(db, { name: "tiny-labels", provider: "onnx-local", modelId: dir, params: { dtype: "fp32" }, concurrency: 1 });
    const run = await startRun(db, { modelId: model.id, suiteId: suite.id, settings: { answerMode: "logprobs", maxTokens: 1 } });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows).toHaveLength(12);
    const loaded = await loadOnnxModel(dir);
    let outsideTop20 = 0;
    for (const row of rows) {
      const letters = Object.keys((row.input as McqInput).options);
      const ids = loaded.tokenizer.encodeChat(row.messages as ChatMessage[]);
      const top = (await generate(loaded, ids, { maxTokens: 1, topLogprobs: 20 })).topLogprobs!;
      if (!top.some((t) => letters.includes(t.token))) outsideTop20++;
      const labelled = (await generate(loaded, ids, { maxTokens: 1, labelLogprobs: letters })).topLogprobs!;
      const best = labelled.reduce((a, b) => (b.logprob > a.logprob ? b : a)).token;
      expect(row.parsed).toEqual({ letter: best, rule: "logprob" });
    }
    expect(outsideTop20, "items whose letters are all outside the top 20").toBeGreaterThan(0);
  });
});
