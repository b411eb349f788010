import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { contentHash } from "@/lib/suites/content-hash";
import { importUserSuite } from "@/lib/suites/importers/user-upload";
import { fakeAnswer } from "@/scripts/fake-openai/answers";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

const SEED = 11;
const prompts = ["  请列出以下文本中的症状：患者头痛、发热三天。\n", "判断：高血压是否属于慢性病？只回答是或否。"];

describe.each(testEngines())("an instruction suite run on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: SEED });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });

  it("sends each prompt exactly as written and scores the target by exact match and generation metrics", async () => {
    const { db } = database;
    // The first target is what the fake server will answer, the second is not: exact match 1/2.
    const echoed = fakeAnswer([{ role: "user", content: prompts[0] }], SEED).text;
    const rows = [
      { input: prompts[0], target: echoed, task_dataset: "demo" },
      { input: prompts[1], target: "是", task_dataset: "demo" },
    ];
    const file = { fileName: "p.jsonl", bytes: new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join("\n")) };
    const mapping = { fields: { prompt: "input", target: "target", subset: "task_dataset" } };
    const { suite } = importUserSuite({ ...file, taskKind: "instruction", id: "prompt-demo", name: "Prompt demo", mapping });
    await saveSuite(db, { suite, version: contentHash(suite), bundled: false });
    const model = await createModel(db, { name: "fake-instruction", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" });
    const run = await startRun(db, { modelId: model.id, suiteId: "prompt-demo", settings: {} });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");

    const sent = (await listRunItemRecords(db, { runId: run.id })).map((r) => r.messages);
    expect(sent).toEqual(prompts.map((content) => [{ role: "user", content }]));
    const finished = (await getRun(db, { id: run.id }))!;
    expect(finished.metrics!.exact_match).toBe(0.5);
    expect(finished.metrics!.rougeL).toBeGreaterThan(0);
    expect(finished.metrics!.list_f1).toBeUndefined();
  });
});
