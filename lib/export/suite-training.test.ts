import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { saveSuite } from "@/lib/db/queries/suites";
import type { SuiteDefinition, SuiteItem } from "@/lib/suites/types";
import { consumePreferenceJsonl, consumeTrainingJsonl } from "@/scripts/trl-consumer";
import { exportSuiteForTraining } from "./suite-training";
import { textTrainer } from "@/lib/tasks/trainer-example";
import { llamaFactoryInfo, llamaFactoryLine, type TrainerFormat, trlLine } from "./trainer-lines";

function suite(id: string, taskKind: SuiteDefinition["taskKind"], items: SuiteItem[]): SuiteDefinition {
  return { id, name: { en: id, zh: id }, taskKind, licence: "CC0", source: "unit test", config: {}, items };
}

const mcq = suite("t-mcq", "mcq", [
  { externalId: "q1", split: "test", input: { question: "高血压首选检查？", options: { A: "血压测量", B: "胸片" } }, gold: { answer: "A" } },
  { externalId: "d1", split: "dev", input: { question: "糖尿病诊断指标？", options: { A: "血糖", B: "血脂" } }, gold: { answer: "A" } },
]);
const dialogue = suite("t-dlg", "dialogue", [
  {
    externalId: "c1",
    split: "test",
    input: { history: [{ role: "system", content: "你是医生" }, { role: "user", content: "我头痛" }] },
    gold: { references: ["请描述疼痛部位"] },
  },
]);
const reward = suite("t-rw", "reward", [
  { externalId: "p1", split: "test", input: { prompt: "感冒怎么办", chosen: "多休息多喝水", rejected: "马上输液" }, gold: {} },
]);
const corpus = suite("t-ppl", "perplexity", [
  { externalId: "doc1", split: "test", input: { text: "高血压患者应低盐饮食。" }, gold: {} },
]);
const scale = suite("t-scale", "scale", [
  { externalId: "1", split: "test", input: { n: 1, zh: "陈述", en: null }, gold: { stigmaWhenAgree: true } },
]);

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

describe.each(testEngines({ only: ["pglite", "postgres"] }))("suite export for trainers on $name", (engine) => {
  let database: TestDatabase;
  const exportOf = async (suiteId: string, format: TrainerFormat, split: "test" | "dev" | "all" = "all") => {
    const exported = await exportSuiteForTraining(database.db, { suiteId, format, split });
    return { ...exported, body: await text(exported.lines) };
  };
  beforeAll(async () => {
    database = await engine.open();
    for (const s of [mcq, dialogue, reward, corpus, scale]) await saveSuite(database.db, { suite: s, version: s.id, bundled: false });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("writes mcq items as TRL conversational SFT rows, test then dev, that the TRL reader accepts", async () => {
    const { body, shape, fileName, datasetInfo } = await exportOf("t-mcq", "trl");
    expect({ shape, fileName, datasetInfo }).toEqual({ shape: "sft", fileName: "t-mcq.jsonl", datasetInfo: null });
    expect(body.split("\n").filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { messages: [{ role: "user", content: "高血压首选检查？\nA. 血压测量\nB. 胸片" }, { role: "assistant", content: "A. 血压测量" }] },
      { messages: [{ role: "user", content: "糖尿病诊断指标？\nA. 血糖\nB. 血脂" }, { role: "assistant", content: "A. 血糖" }] },
    ]);
    expect(consumeTrainingJsonl(body)).toMatchObject({ kind: "messages", texts: { length: 2 } });
    expect((await exportOf("t-mcq", "trl", "dev")).body.split("\n").filter(Boolean)).toHaveLength(1);
  });

  it("writes mcq items as LLaMA-Factory alpaca rows with the dataset_info entry naming their columns", async () => {
    const { body, datasetInfo } = await exportOf("t-mcq", "llamafactory", "test");
    expect(JSON.parse(body)).toEqual({ instruction: "高血压首选检查？\nA. 血压测量\nB. 胸片", input: "", output: "A. 血压测量" });
    expect(datasetInfo).toEqual({ "t-mcq": { file_name: "t-mcq.jsonl", columns: { prompt: "instruction", query: "input", response: "output" } } });
  });

  it("writes dialogue items as messages (TRL) and sharegpt conversations with the system prompt apart (LLaMA-Factory)", async () => {
    const trl = await exportOf("t-dlg", "trl");
    expect(JSON.parse(trl.body)).toEqual({
      messages: [
        { role: "system", content: "你是医生" },
        { role: "user", content: "我头痛" },
        { role: "assistant", content: "请描述疼痛部位" },
      ],
    });
    expect(consumeTrainingJsonl(trl.body).texts).toEqual(["<|system|>\n你是医生\n<|user|>\n我头痛\n<|assistant|>\n请描述疼痛部位\n"]);
    const lf = await exportOf("t-dlg", "llamafactory");
    expect(JSON.parse(lf.body)).toEqual({
      conversations: [
        { from: "human", value: "我头痛" },
        { from: "gpt", value: "请描述疼痛部位" },
      ],
      system: "你是医生",
    });
    expect(lf.datasetInfo).toMatchObject({ "t-dlg": { formatting: "sharegpt", columns: { messages: "conversations", system: "system" } } });
  });

  it("writes reward tuples as prompt/chosen/rejected (TRL, read by the preference reader) and ranking rows (LLaMA-Factory)", async () => {
    const trl = await exportOf("t-rw", "trl");
    expect(consumePreferenceJsonl(trl.body)).toEqual([{ prompt: "感冒怎么办", chosen: "多休息多喝水", rejected: "马上输液" }]);
    const lf = await exportOf("t-rw", "llamafactory");
    expect(JSON.parse(lf.body)).toEqual({ instruction: "感冒怎么办", input: "", chosen: "多休息多喝水", rejected: "马上输液" });
    expect(lf.datasetInfo).toEqual({
      "t-rw": { file_name: "t-rw.jsonl", ranking: true, columns: { prompt: "instruction", query: "input", chosen: "chosen", rejected: "rejected" } },
    });
  });

  it("writes a perplexity suite's documents as pre-training text lines", async () => {
    const trl = await exportOf("t-ppl", "trl");
    expect({ shape: trl.shape, body: trl.body }).toEqual({ shape: "text", body: `${JSON.stringify({ text: "高血压患者应低盐饮食。" })}\n` });
    const factory = await exportOf("t-ppl", "llamafactory");
    expect(factory.datasetInfo).toEqual({ "t-ppl": { file_name: "t-ppl.jsonl", columns: { prompt: "text" } } });
  });

  it("refuses an attitude scale (not training data) and an unknown suite", async () => {
    await expect(exportOf("t-scale", "trl")).rejects.toMatchObject({ status: 400 });
    await expect(exportOf("no-such", "trl")).rejects.toMatchObject({ status: 404 });
  });
});

describe("text suites (the perplexity kind's trainer)", () => {
  it("become TRL and LLaMA-Factory pre-training lines", () => {
    const example = textTrainer.example({ id: "1", externalId: "d1", subset: null, input: { text: "高血压是常见病。" }, gold: {} });
    expect(trlLine(example)).toEqual({ text: "高血压是常见病。" });
    expect(llamaFactoryLine(example)).toEqual({ text: "高血压是常见病。" });
    expect(llamaFactoryInfo("medical-text-ppl.jsonl", "text")).toEqual({ "medical-text-ppl": { file_name: "medical-text-ppl.jsonl", columns: { prompt: "text" } } });
    expect(consumeTrainingJsonl(`${JSON.stringify(trlLine(example))}\n`)).toEqual({ kind: "text", texts: ["高血压是常见病。"] });
  });
});
