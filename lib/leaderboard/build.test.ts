import { describe, expect, it } from "vitest";
import { buildLeaderboard, type LeaderboardEntry } from "./build";

const reported = (model: string, benchmark: string, task: string, metric: string, value: number): LeaderboardEntry => ({
  model,
  benchmark,
  task,
  metric,
  value,
  origin: "reported",
  source: "paper",
});

describe("buildLeaderboard", () => {
  it("makes one section per task in task order with rows sorted by the first column", () => {
    const sections = buildLeaderboard([
      reported("GPT-4", "CCKS-2019", "ner", "f1", 41.37),
      reported("GPT-4", "CMMLU (medical)", "mcq", "accuracy", 69.55),
      reported("ChiMed-GPT", "CMMLU (medical)", "mcq", "accuracy", 52.92),
      reported("ChiMed-GPT", "C-Eval (medical)", "mcq", "accuracy", 68.29),
    ]);
    expect(sections.map((s) => s.task)).toEqual(["mcq", "ner"]);
    const mcq = sections[0];
    expect(mcq.columns.map((c) => c.benchmark)).toEqual(["C-Eval (medical)", "CMMLU (medical)"]);
    expect(mcq.rows.map((r) => r.model)).toEqual(["ChiMed-GPT", "GPT-4"]);
    expect(mcq.rows[1].values["C-Eval (medical)::accuracy"]).toBeNull();
  });

  it("keeps reported and measured numbers of the same model apart", () => {
    const sections = buildLeaderboard([
      reported("GPT-4", "CMMLU (medical)", "mcq", "accuracy", 69.55),
      { ...reported("GPT-4", "CMMLU (medical)", "mcq", "accuracy", 71), origin: "measured", source: "run-1" },
    ]);
    expect(sections[0].rows.map((r) => [r.origin, r.values["CMMLU (medical)::accuracy"]])).toEqual([
      ["measured", 71],
      ["reported", 69.55],
    ]);
  });

  it("orders metrics within a benchmark as the paper does", () => {
    const [section] = buildLeaderboard([
      reported("M", "ChiMed", "open_qa", "rougeL", 1),
      reported("M", "ChiMed", "open_qa", "bleu1", 2),
      reported("M", "ChiMed", "open_qa", "rouge1", 3),
    ]);
    expect(section.columns.map((c) => c.metric)).toEqual(["bleu1", "rouge1", "rougeL"]);
  });

  it("never ranks a partial or unreliable run beside full runs, and keeps its mark", () => {
    const measured = (model: string, value: number, basis: LeaderboardEntry["basis"]): LeaderboardEntry => ({
      ...reported(model, "CMMLU (medical)", "mcq", "accuracy", value),
      origin: "measured",
      source: `run-${model}`,
      basis,
    });
    const full = { itemsRun: 2047, suiteItems: 2047, partial: false, errorShare: 0, unreliable: false };
    const [section] = buildLeaderboard([
      measured("Sampled", 90, { ...full, itemsRun: 200, partial: true }),
      measured("Flaky", 85, { ...full, errorShare: 0.44, unreliable: true }),
      measured("Full", 60, full),
      reported("GPT-4", "CMMLU (medical)", "mcq", "accuracy", 69.55),
    ]);
    expect(section.rows.map((r) => [r.model, r.ranked])).toEqual([
      ["GPT-4", true],
      ["Full", true],
      ["Sampled", false],
      ["Flaky", false],
    ]);
    expect(section.rows[2].basis).toMatchObject({ itemsRun: 200, suiteItems: 2047, partial: true });
    expect(section.rows[0].basis).toBeNull();
  });
});
