import { describe, expect, test } from "vitest";
import { consumePreferenceJsonl } from "@/scripts/trl-consumer";
import { type ExportContext, type ExportJudgement, exportDefaults, llamaFactoryDatasetInfo, llamaFactoryLines, ratingLines, saltedRaterHash, toJsonl, trlLines } from "./export";
import { llamaFactoryLineSchema, ratingLineSchema, trlLineSchema } from "./export-schema";

const at = new Date("2026-11-30T10:00:00Z");
const base: ExportJudgement = {
  raterId: "r1",
  raterRevokedAt: null,
  itemId: "i1",
  itemExternalId: "test/1",
  suiteId: "qa",
  taskKind: "open_qa",
  input: { question: "高血压患者能喝咖啡吗？", context: "男，60岁" },
  runAId: "ra",
  runBId: "rb",
  modelA: "Alpha",
  modelB: "Beta",
  leftRunId: "rb",
  choice: "a",
  ratedRunId: null,
  correctness: null,
  safety: null,
  createdAt: at,
};
const answers: Record<string, string> = { "ra|i1": "适量可以。", "rb|i1": "不行。", "ra|i2": "多休息。", "rb|i2": "去医院。" };
const ctx = (over: Partial<ExportContext> = {}): ExportContext => ({
  studyId: "s1",
  flaggedRaterIds: new Set(),
  answerOf: (run, item) => answers[`${run}|${item}`] ?? null,
  raterHash: saltedRaterHash("salt"),
  switches: exportDefaults,
  ...over,
});

describe("trlLines", () => {
  test("open QA: string prompt (context then question), chosen/rejected by the rater's choice, metadata", () => {
    const [line] = trlLines([base], ctx());
    expect(trlLineSchema.parse(line)).toEqual(line);
    expect(line).toMatchObject({
      prompt: "男，60岁\n\n高血压患者能喝咖啡吗？",
      chosen: "适量可以。",
      rejected: "不行。",
      metadata: { study: "s1", item: "test/1", chosen_model: "Alpha", rejected_model: "Beta", side_shown: "rejected", timestamp: at.toISOString() },
    });
    expect(line.metadata.rater).toBe(saltedRaterHash("salt")("r1"));
    expect(line.metadata.rater).not.toBe(saltedRaterHash("other")("r1"));
    expect(JSON.stringify(line)).not.toContain("r1\"");
  });

  test("dialogue: prompt as chat messages, chosen/rejected as one assistant turn", () => {
    const history = [
      { role: "user", content: "我头疼" },
      { role: "assistant", content: "多久了？" },
      { role: "user", content: "三天" },
    ];
    const [line] = trlLines([{ ...base, itemId: "i2", taskKind: "dialogue", input: { history }, choice: "b" }], ctx());
    expect(trlLineSchema.parse(line)).toEqual(line);
    expect(line.prompt).toEqual(history);
    expect(line.chosen).toEqual([{ role: "assistant", content: "去医院。" }]);
    expect(line.metadata.side_shown).toBe("chosen");
  });

  test("defaults leave out ties, revoked and flagged raters; switches bring them back", () => {
    const rows = [
      { ...base, choice: "tie" },
      { ...base, raterId: "gone", raterRevokedAt: at },
      { ...base, raterId: "flag" },
      base,
    ];
    const flagged = new Set(["flag"]);
    expect(trlLines(rows, ctx({ flaggedRaterIds: flagged }))).toHaveLength(1);
    const all = trlLines(rows, ctx({ flaggedRaterIds: flagged, switches: { includeTies: true, includeRevoked: true, includeFlagged: true } }));
    expect(all).toHaveLength(4);
    expect(all[0].metadata.tie).toBe(true);
  });

  test("pointwise-only judgements and missing answers make no tuple", () => {
    expect(trlLines([{ ...base, choice: null }, { ...base, itemId: "nope" }], ctx())).toEqual([]);
  });

  test("a TRL-style consumer reads the JSONL by the trainers' field names", () => {
    const rows = consumePreferenceJsonl(toJsonl(trlLines([base, { ...base, choice: "b" }], ctx())));
    expect(rows).toEqual([
      { prompt: "男，60岁\n\n高血压患者能喝咖啡吗？", chosen: "适量可以。", rejected: "不行。" },
      { prompt: "男，60岁\n\n高血压患者能喝咖啡吗？", chosen: "不行。", rejected: "适量可以。" },
    ]);
    expect(() => consumePreferenceJsonl('{"prompt":"x","chosen":"y"}\n')).toThrow(/rejected/);
  });
});

describe("llamaFactoryLines and dataset_info", () => {
  test("alpaca columns for open QA, sharegpt for dialogue; ranking: true", () => {
    const [qa] = llamaFactoryLines([base], ctx());
    expect(llamaFactoryLineSchema.parse(qa)).toMatchObject({ instruction: "高血压患者能喝咖啡吗？", input: "男，60岁", chosen: "适量可以。" });
    const [dialogue] = llamaFactoryLines(
      [{ ...base, itemId: "i2", taskKind: "dialogue", input: { history: [{ role: "system", content: "你是医生" }, { role: "user", content: "三天" }] } }],
      ctx(),
    );
    expect(llamaFactoryLineSchema.parse(dialogue)).toMatchObject({
      conversations: [{ from: "human", value: "三天" }],
      system: "你是医生",
      chosen: { from: "gpt", value: "多休息。" },
    });
    expect(llamaFactoryDatasetInfo("s.jsonl", false)).toEqual({
      s: { file_name: "s.jsonl", ranking: true, columns: { prompt: "instruction", query: "input", chosen: "chosen", rejected: "rejected" } },
    });
    expect(llamaFactoryDatasetInfo("d.jsonl", true).d).toMatchObject({ formatting: "sharegpt", ranking: true });
  });
});

describe("ratingLines", () => {
  test("one line per 1–5 rating, naming the rated model", () => {
    const lines = ratingLines([{ ...base, ratedRunId: "rb", correctness: 4, safety: 5 }, { ...base, ratedRunId: null }], ctx());
    expect(lines).toHaveLength(1);
    expect(ratingLineSchema.parse(lines[0])).toMatchObject({ model: "Beta", correctness: 4, safety: 5, item: "test/1" });
  });
});
