import { describe, expect, it } from "vitest";
import type { AggregateItem } from "./benchmark-aggregate";
import { quantile } from "./bootstrap";
import { agreement, bootstrapPValue, mcnemarExact, pairedBenchmark, pairedBootstrap, pairedMeanDifference } from "./paired";
import { createRng } from "./random";

const mcq = (correct: number): AggregateItem => ({ outcome: "scored", scores: { correct } });

describe("mcnemarExact", () => {
  it("b=1, c=9: 2 · (C(10,0) + C(10,1)) / 2^10 = 22/1024", () => {
    expect(mcnemarExact(1, 9)).toBeCloseTo(0.021484375, 12);
    expect(mcnemarExact(9, 1)).toBeCloseTo(0.021484375, 12);
  });
  it("is 1 when the discordant pairs split evenly or there are none", () => {
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });
  it("b=0, c=5: 2 / 32", () => {
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 12);
  });
  it("b=2, c=8: 2 · (1 + 10 + 45) / 1024", () => {
    expect(mcnemarExact(2, 8)).toBeCloseTo(112 / 1024, 12);
  });
  it("stays finite and tiny for tens of thousands of discordant pairs", () => {
    const p = mcnemarExact(20_000, 30_000);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
    expect(mcnemarExact(25_000, 25_000)).toBe(1);
  });
});

describe("bootstrapPValue", () => {
  it("is 1 when every resampled difference is zero, 2/(R+1) when all lie on one side", () => {
    expect(bootstrapPValue([0, 0, 0, 0])).toBe(1);
    expect(bootstrapPValue([1, 2, 3, 4])).toBeCloseTo(2 / 5, 12);
  });
  it("takes the smaller side whichever it is, and counts a zero on both sides", () => {
    // All four below zero: min(4, 0) = 0 → 2 · 1 / 5.
    expect(bootstrapPValue([-1, -2, -3, -4])).toBeCloseTo(2 / 5, 12);
    // At or below zero: −1 and 0; at or above: 0 and seven more → min(2, 8) = 2 → 2 · 3 / 10.
    expect(bootstrapPValue([-1, 0, 1, 2, 3, 4, 5, 6, 7])).toBeCloseTo(0.6, 12);
  });
});

describe("pairedMeanDifference", () => {
  it("a constant difference of 1 on every item has the interval [1, 1]", () => {
    const pairs = [0, 0.2, 0.4, 0.7, 0.9].map((v) => [v, v + 1] as const);
    const result = pairedMeanDifference(pairs, { resamples: 200 })!;
    expect(result.difference).toBeCloseTo(1, 12);
    expect(result.ci[0]).toBeCloseTo(1, 12);
    expect(result.ci[1]).toBeCloseTo(1, 12);
    expect(result.pValue).toBeCloseTo(2 / 201, 12);
  });
  it("identical runs differ by 0 with p = 1, by the bootstrap test", () => {
    const result = pairedMeanDifference([[1, 1], [2, 2], [3, 3]], { resamples: 100 })!;
    expect(result).toMatchObject({ difference: 0, ci: [0, 0], pValue: 1, test: "bootstrap" });
  });
  it("differences of 0 and 1 on half the items each: the interval lies in [0, 1] around 0.5", () => {
    const pairs = Array.from({ length: 40 }, (_, i) => [0, i % 2] as const);
    const result = pairedMeanDifference(pairs, { resamples: 2000 })!;
    expect(result.difference).toBe(0.5);
    expect(result.ci[0]).toBeGreaterThan(0.25);
    expect(result.ci[1]).toBeLessThan(0.75);
    expect(result.pValue).toBeLessThan(0.01);
  });
  it("is deterministic by seed and changes with it", () => {
    const pairs = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(i)] as const);
    const one = pairedMeanDifference(pairs, { seed: 7 });
    expect(pairedMeanDifference(pairs, { seed: 7 })).toEqual(one);
    expect(pairedMeanDifference(pairs, { seed: 8 })!.ci).not.toEqual(one!.ci);
  });
  it("has nothing to say about no items", () => {
    expect(pairedMeanDifference([])).toBeNull();
  });
});

describe("pairedBenchmark", () => {
  it("accuracy: McNemar's p on the discordant items, the bootstrap interval of B − A", () => {
    // 10 items both right, 1 only A right, 9 only B right, 5 both wrong.
    const pairs = [
      ...Array.from({ length: 10 }, () => ({ a: mcq(1), b: mcq(1) })),
      { a: mcq(1), b: mcq(0) },
      ...Array.from({ length: 9 }, () => ({ a: mcq(0), b: mcq(1) })),
      ...Array.from({ length: 5 }, () => ({ a: mcq(0), b: mcq(0) })),
    ];
    const { accuracy } = pairedBenchmark("mcq", pairs, { seed: 1 });
    expect(accuracy.test).toBe("mcnemar");
    expect(accuracy.a).toBeCloseTo(11 / 25, 12);
    expect(accuracy.b).toBeCloseTo(19 / 25, 12);
    expect(accuracy.difference).toBeCloseTo(8 / 25, 12);
    expect(accuracy.pValue).toBeCloseTo(0.021484375, 12);
    // Per-item differences are -1 (once), +1 (9 times) or 0: the interval straddles 8/25 and stays above 0.
    expect(accuracy.ci[0]).toBeGreaterThan(0);
    expect(accuracy.ci[0]).toBeLessThan(8 / 25);
    expect(accuracy.ci[1]).toBeGreaterThan(8 / 25);
    expect(accuracy.ci[1]).toBeLessThanOrEqual(1);
  });
  it("an unparsed answer counts as wrong whatever its stored score", () => {
    const pairs = [{ a: { outcome: "unparsed" as const, scores: { correct: 1 } }, b: mcq(1) }];
    const { accuracy } = pairedBenchmark("mcq", pairs);
    expect(accuracy.a).toBe(0);
    expect(accuracy.difference).toBe(1);
  });
  it("McNemar counts an unparsed answer as wrong too", () => {
    // A unparsed (stored 1) against B right on 5 items, both wrong on one: 5 discordant pairs all for B,
    // p = 2 · (1/2)^5 = 1/16. Read as stored, A would be right on all 5 and p would be 1.
    const pairs = [
      ...Array.from({ length: 5 }, () => ({ a: { outcome: "unparsed" as const, scores: { correct: 1 } }, b: mcq(1) })),
      { a: mcq(0), b: mcq(0) },
    ];
    expect(pairedBenchmark("mcq", pairs, { resamples: 50 }).accuracy.pValue).toBeCloseTo(1 / 16, 12);
  });
  it("compares only the metrics both runs have: list scores when only A's items carry list counts are left out", () => {
    const item = (scores: AggregateItem["scores"]): AggregateItem => ({ outcome: "scored", scores });
    const pairs = [
      { a: item({ exactMatch: 1, listMatches: [1, 0, 0] }), b: item({ exactMatch: 0 }) },
      { a: item({ exactMatch: 0, listMatches: [2, 1, 0] }), b: item({ exactMatch: 1 }) },
    ];
    const result = pairedBenchmark("instruction", pairs, { resamples: 50 });
    expect(Object.keys(result).sort()).toEqual(["bleu1", "bleu2", "bleu4", "exact_match", "rouge1", "rouge2", "rougeL"]);
    // One discordant pair each way: p = 1.
    expect(result.exact_match).toMatchObject({ a: 0.5, b: 0.5, difference: 0, pValue: 1, test: "mcnemar" });
  });
  it("no pairs, nothing compared", () => {
    expect(pairedBenchmark("mcq", [])).toEqual({});
  });

  it("NER F1 is compared by paired bootstrap of the micro F1", () => {
    const ner = (tp: number, fp: number, fn: number): AggregateItem => ({ outcome: "scored", scores: { tp, fp, fn } });
    const pairs = [
      { a: ner(1, 1, 0), b: ner(1, 0, 0) },
      { a: ner(0, 0, 1), b: ner(1, 0, 0) },
    ];
    const { f1, precision } = pairedBenchmark("ner", pairs, { resamples: 300 });
    expect(f1.test).toBe("bootstrap");
    // A: tp 1, fp 1, fn 1 → F1 0.5; B: tp 2 → 1.
    expect(f1.a).toBeCloseTo(0.5, 12);
    expect(f1.b).toBe(1);
    expect(precision.difference).toBeCloseTo(0.5, 12);
    expect(f1.ci[0]).toBeGreaterThanOrEqual(0);
    expect(f1.ci[1]).toBeLessThanOrEqual(1);
  });
});

describe("agreement", () => {
  it("skips an item unscored in either run", () => {
    expect(agreement([[1, null], [null, 0], [null, null]])).toEqual({ n: 0, same: 0, bothRight: 0, bothWrong: 0, aBetter: 0, bBetter: 0 });
  });
  it("a partial score equal in both runs is the same but neither both right nor both wrong", () => {
    expect(agreement([[0.5, 0.5]])).toEqual({ n: 1, same: 1, bothRight: 0, bothWrong: 0, aBetter: 0, bBetter: 0 });
  });
  it("scores closer than 1e-12 are the same (float noise); 1e-12 apart is a difference", () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floating point.
    expect(agreement([[0.1 + 0.2, 0.3]]).same).toBe(1);
    expect(agreement([[1e-12, 0]])).toMatchObject({ same: 0, aBetter: 1 });
  });
  it("counts both right, both wrong and each direction of disagreement; skips unscored items", () => {
    expect(
      agreement([
        [1, 1],
        [0, 0],
        [1, 0],
        [0, 1],
        [0, 1],
        [null, 1],
      ]),
    ).toEqual({ n: 5, same: 2, bothRight: 1, bothWrong: 1, aBetter: 1, bBetter: 2 });
  });
});


describe("pairedBootstrap", () => {
  // The loop it replaced, drawing through createRng: the fast draws must give the very same numbers.
  function referenceBootstrap(width: number, metrics: (s: Float64Array, n: number) => Record<string, number>, dataA: Float64Array, dataB: Float64Array, n: number, seed: number, resamples: number) {
    const rng = createRng(seed);
    const diffs: number[][] = [];
    for (let r = 0; r < resamples; r++) {
      const sumsA = new Float64Array(width);
      const sumsB = new Float64Array(width);
      for (let i = 0; i < n; i++) {
        const base = Math.floor(rng() * n) * width;
        for (let c = 0; c < width; c++) {
          sumsA[c] += dataA[base + c];
          sumsB[c] += dataB[base + c];
        }
      }
      const [ma, mb] = [metrics(sumsA, n), metrics(sumsB, n)];
      Object.keys(ma).forEach((name, k) => ((diffs[k] ??= [])[r] = mb[name] - ma[name]));
    }
    return diffs.map((d) => [...d].sort((x, y) => x - y));
  }

  it.each([1, 3])("gives the intervals of a plain createRng loop, to the last bit (width %i)", (width) => {
    const n = 997;
    const rng = createRng(5);
    const dataA = Float64Array.from({ length: n * width }, () => (width === 1 ? (rng() < 0.6 ? 1 : 0) : rng()));
    const dataB = Float64Array.from({ length: n * width }, () => (width === 1 ? (rng() < 0.7 ? 1 : 0) : rng() / 3));
    const metrics = (s: Float64Array, count: number) => Object.fromEntries(Array.from(s, (v, c) => [`m${c}`, v / count]));
    const result = pairedBootstrap({ width, metrics }, dataA, dataB, n, { seed: 20231111, resamples: 200 });
    const reference = referenceBootstrap(width, metrics, dataA, dataB, n, 20231111, 200);
    Object.values(result).forEach((r, k) => {
      const alpha = (1 - 0.95) / 2;
      expect(r.ci).toEqual([quantile(reference[k], alpha), quantile(reference[k], 1 - alpha)]);
      expect(r.pValue).toBe(bootstrapPValue(reference[k]));
    });
  });

  // A ratio metric s[0] / s[1], undefined (0/0) on a resample that draws only items with a zero denominator.
  const ratio = { width: 2, metrics: (s: Float64Array) => ({ ratio: s[0] / s[1] }) };

  it("has no interval and no p-value for a metric undefined on every resample", () => {
    // One item, 0/0 in both runs: every resample is that item again.
    const result = pairedBootstrap(ratio, Float64Array.of(0, 0), Float64Array.of(0, 0), 1, { resamples: 20 });
    expect(result).toEqual({ ratio: { a: Number.NaN, b: Number.NaN, difference: Number.NaN, ci: [Number.NaN, Number.NaN], pValue: Number.NaN } });
  });

  it("leaves resamples on which a metric is undefined out of its interval", () => {
    // Item 1 is 0/0 in both runs; item 2 is 1/2 in A, 2/2 in B. Any resample holding item 2 k times gives
    // A = k/2k = 1/2 and B = 1, a difference of exactly 1/2; one drawing item 1 twice is 0/0 and is dropped.
    const result = pairedBootstrap(ratio, Float64Array.of(0, 0, 1, 2), Float64Array.of(0, 0, 2, 2), 2, { resamples: 200 });
    expect(result.ratio.difference).toBe(0.5);
    expect(result.ratio.ci).toEqual([0.5, 0.5]);
  });

  it("no items, no metrics", () => {
    expect(pairedBootstrap(ratio, new Float64Array(0), new Float64Array(0), 0)).toEqual({});
  });
});
