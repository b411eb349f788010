import { describe, expect, test } from "vitest";
import { type AggregateItem, aggregateBenchmark } from "./benchmark-aggregate";
import { type BleuStats, corpusBleuFromStats } from "./bleu";
import { bootstrapInterval, mean } from "./bootstrap";
import { scoreBenchmarkItem } from "./item-score";

const mcq = (subset: string, correct: number, outcome: "scored" | "unparsed" = "scored"): AggregateItem => ({
  subset,
  outcome,
  scores: { correct },
});

describe("aggregateBenchmark mcq", () => {
  // anatomy: 1, 0 (unparsed, stored 1 ignored), 0; virology: 1, 1 → accuracy 3/5, anatomy 1/3, virology 1.
  const items = [mcq("anatomy", 1), mcq("anatomy", 1, "unparsed"), mcq("anatomy", 0), mcq("virology", 1), mcq("virology", 1)];

  test("accuracy overall and per subset, unparsed as wrong", () => {
    const a = aggregateBenchmark("mcq", items, { seed: 7, resamples: 200 });
    expect(a.metrics).toEqual({ accuracy: 0.6 });
    expect(a.bySubset).toEqual({ anatomy: { accuracy: 1 / 3 }, virology: { accuracy: 1 } });
    expect([a.n, a.unparsed]).toEqual([5, 1]);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  test("the interval equals bootstrapInterval over items with the same seed", () => {
    const a = aggregateBenchmark("mcq", items, { seed: 7, resamples: 200 });
    expect(a.ci.accuracy).toEqual(bootstrapInterval([1, 0, 0, 1, 1], mean, { seed: 7, resamples: 200 }));
    // Each subset gets its own interval, resampling only its items.
    expect(a.bySubsetCi.anatomy.accuracy).toEqual(bootstrapInterval([1, 0, 0], mean, { seed: 7, resamples: 200 }));
    expect(a.bySubsetCi.virology.accuracy).toEqual([1, 1]);
    expect(aggregateBenchmark("mcq", [mcq("x", 1), mcq("x", 1)]).ci.accuracy).toEqual([1, 1]);
  });

  test("a missing score counts as wrong, and items without a subset go into no subset", () => {
    // scores {} has no `correct`: 0, so accuracy 1/2.
    const a = aggregateBenchmark("mcq", [
      { outcome: "scored", scores: { correct: 1 } },
      { outcome: "scored", scores: {} },
    ]);
    expect(a.metrics).toEqual({ accuracy: 0.5 });
    expect(a.bySubset).toEqual({});
    expect(a.bySubsetCi).toEqual({});
  });

  test("no items gives empty results", () => {
    expect(aggregateBenchmark("mcq", [])).toEqual({ metrics: {}, ci: {}, bySubset: {}, bySubsetCi: {}, n: 0, unparsed: 0 });
  });

  test("2,000 items × 1,000 resamples (its speed is in npm run bench -- --units)", () => {
    const many = Array.from({ length: 2000 }, (_, i) => mcq(`s${i % 10}`, i % 3 === 0 ? 0 : 1));
    const a = aggregateBenchmark("mcq", many, { resamples: 1000 });
    expect(a.metrics.accuracy).toBeCloseTo(1333 / 2000, 12);
    expect(a.ci.accuracy[0]).toBeLessThan(a.metrics.accuracy);
    expect(a.ci.accuracy[1]).toBeGreaterThan(a.metrics.accuracy);
  });
});

describe("aggregateBenchmark ner", () => {
  test("micro P/R/F1 from summed counts, per-type P/R/F1 and their intervals in bySubset", () => {
    // tp 2+1 = 3, fp 2+0 = 2, fn 1+1 = 2 → P = R = F1 = 3/5.
    // disease [1,1,0]+[0,0,1] = tp 1 fp 1 fn 1 → 1/2; symptom tp 1 fp 1 fn 1 → 1/2; drug tp 1 → 1.
    const items: AggregateItem[] = [
      { outcome: "scored", scores: { tp: 2, fp: 2, fn: 1, "type:disease": [1, 1, 0], "type:symptom": [1, 1, 1] } },
      { outcome: "scored", scores: { tp: 1, fp: 0, fn: 1, "type:drug": [1, 0, 0], "type:disease": [0, 0, 1] } },
    ];
    const a = aggregateBenchmark("ner", items);
    expect(a.metrics.precision).toBeCloseTo(0.6, 12);
    expect(a.metrics.recall).toBeCloseTo(0.6, 12);
    expect(a.metrics.f1).toBeCloseTo(0.6, 12);
    expect(a.bySubset).toEqual({
      disease: { precision: 0.5, recall: 0.5, f1: 0.5 },
      symptom: { precision: 0.5, recall: 0.5, f1: 0.5 },
      drug: { precision: 1, recall: 1, f1: 1 },
    });
    expect(Object.keys(a.ci)).toEqual(["precision", "recall", "f1"]);
    // drug is found in item 2 only, with no false positive or negative: every resample with it gives 1, every
    // resample without it 0/0 = 0, so the interval spans both; symptom appears in item 1 only: 1/2 or 0.
    // The same holds for each type's precision and recall.
    expect(a.bySubsetCi.drug).toEqual({ precision: [0, 1], recall: [0, 1], f1: [0, 1] });
    expect(a.bySubsetCi.symptom).toEqual({ precision: [0, 0.5], recall: [0, 0.5], f1: [0, 0.5] });
  });
});

describe("aggregateBenchmark generation", () => {
  const score = (answer: string, ref: string) =>
    scoreBenchmarkItem("open_qa", { input: { question: "q" }, gold: { references: [ref] }, answer, config: {} });
  const scored = [score("我有点头痛", "我有一点头痛"), score("多喝水", "多喝热水")];
  const items: AggregateItem[] = scored.map((s) => ({ subset: "clin", outcome: s.outcome, scores: s.scores }));

  test("corpus BLEU from summed stats and mean ROUGE", () => {
    // BLEU as in bleu.test.ts: bleu1 = exp(-0.25) = 0.7788007831, bleu2 = 0.6358881766, bleu4 = 0.
    // 多喝水 vs 多喝热水: R1 P 1 R 3/4 → 6/7; R2 {多喝 喝水} ∩ {多喝 喝热 热水} = 1, P 1/2 R 1/3 → 2/5; LCS 3 → 6/7.
    // rouge1 = rougeL = (10/11 + 6/7)/2, rouge2 = (2/3 + 2/5)/2 = 8/15.
    const a = aggregateBenchmark("open_qa", items, { resamples: 100 });
    expect(a.metrics.bleu1).toBeCloseTo(0.7788007831, 10);
    expect(a.metrics.bleu2).toBeCloseTo(0.6358881766, 10);
    expect(a.metrics.bleu4).toBe(0);
    expect(a.metrics.rouge1).toBeCloseTo((10 / 11 + 6 / 7) / 2, 12);
    expect(a.metrics.rouge2).toBeCloseTo(8 / 15, 12);
    expect(a.metrics.rougeL).toBeCloseTo((10 / 11 + 6 / 7) / 2, 12);
    expect(a.bySubset.clin).toEqual(a.metrics);
  });

  test("BLEU intervals recompute corpus BLEU per resample", () => {
    const stats: BleuStats[] = scored.map((s) => ({
      matches: s.scores.bleuMatches as number[],
      totals: s.scores.bleuTotals as number[],
      hypLen: s.scores.hypLen as number,
      refLen: s.scores.refLen as number,
    }));
    const a = aggregateBenchmark("open_qa", items, { seed: 3, resamples: 300 });
    const expected = bootstrapInterval(stats, (sample) => corpusBleuFromStats(sample, 2), { seed: 3, resamples: 300 });
    expect(a.ci.bleu2[0]).toBeCloseTo(expected?.[0] ?? Number.NaN, 12);
    expect(a.ci.bleu2[1]).toBeCloseTo(expected?.[1] ?? Number.NaN, 12);
  });

});
