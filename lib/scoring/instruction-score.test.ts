import { describe, expect, it } from "vitest";
import { aggregateBenchmark } from "./benchmark-aggregate";
import { scoreBenchmarkItem } from "./item-score";

const score = (answer: string, target: string, listDelimiter?: string) =>
  scoreBenchmarkItem("instruction", { input: { prompt: "p" }, gold: { references: [target] }, answer, config: { listDelimiter } });

describe("instruction items", () => {
  it("score generation metrics, exact match and, with a delimiter, list counts", () => {
    const exact = score("头痛，发热", "头痛，发热", "，");
    expect(exact.scores).toMatchObject({ exactMatch: 1, listMatches: [2, 0, 0], rouge1: 1 });
    expect(score("发热，头痛，咳嗽", "头痛，发热", "，").scores).toMatchObject({ exactMatch: 0, listMatches: [2, 1, 0] });
    expect(score("头痛", "头痛").scores.listMatches).toBeUndefined();
  });

  it("score a missing answer as the empty text: no exact match, every target element missed", () => {
    const s = scoreBenchmarkItem("instruction", { input: { prompt: "p" }, gold: { references: ["头痛，发热"] }, answer: null, config: { listDelimiter: "，" } });
    expect(s.outcome).toBe("unparsed");
    expect(s.scores).toMatchObject({ exactMatch: 0, listMatches: [0, 0, 2], rouge1: 0 });
  });

  it("aggregate exact match over items and list F1 over the summed counts (micro)", () => {
    const items = [score("a;b", "a;b", ";"), score("a;c", "a;b", ";"), score("x", "a;b;c;d", ";")].map((s) => ({ outcome: s.outcome, scores: s.scores }));
    const { metrics } = aggregateBenchmark("instruction", items, { resamples: 10 });
    // tp 2+1+0 = 3, fp 0+1+1 = 2, fn 0+1+4 = 5: P 3/5, R 3/8, F1 2PR/(P+R) = 6/13
    expect(metrics.exact_match).toBeCloseTo(1 / 3, 12);
    expect(metrics.list_precision).toBeCloseTo(3 / 5, 12);
    expect(metrics.list_recall).toBeCloseTo(3 / 8, 12);
    expect(metrics.list_f1).toBeCloseTo(6 / 13, 12);
    expect(metrics.rougeL).toBeGreaterThan(0);
  });

  it("report no list metrics when the suite has no delimiter", () => {
    const { metrics } = aggregateBenchmark("instruction", [score("a", "a")].map((s) => ({ outcome: s.outcome, scores: s.scores })), { resamples: 10 });
    expect(metrics.exact_match).toBe(1);
    expect(metrics.list_f1).toBeUndefined();
  });
});
