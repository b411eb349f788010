import { describe, expect, test } from "vitest";
import { aggregateBenchmark } from "./benchmark-aggregate";
import { bootstrapInterval, mean, quantile } from "./bootstrap";
import { createRng } from "./random";

describe("quantile", () => {
  test("interpolates linearly between the two nearest order statistics", () => {
    // position = (n - 1) · q: 4 · 0.25 = 1 → 2; 4 · 0.1 = 0.4 → 1 + 0.4 · (2 - 1); 3 · 0.5 = 1.5 → 1 + 0.5 · (4 - 1).
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantile([0, 1, 4, 9], 0.5)).toBe(2.5);
    // 1 · 0.975 → 10 + 0.975 · (20 - 10); 1 · 0.025 → 10.25.
    expect(quantile([10, 20], 0.975)).toBeCloseTo(19.75, 12);
    expect(quantile([10, 20], 0.025)).toBeCloseTo(10.25, 12);
  });

  test("ends and a single value", () => {
    expect(quantile([3, 5, 8], 0)).toBe(3);
    expect(quantile([3, 5, 8], 1)).toBe(8);
    expect(quantile([7], 0.3)).toBe(7);
  });
});

describe("mean", () => {
  test("of values, and NaN (not 0) of none", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-1, 1])).toBe(0);
    expect(mean([])).toBeNaN();
  });
});

describe("createRng", () => {
  test("is mulberry32: the reference sequence for seed 1", () => {
    // Computed with an independent Python port of mulberry32.
    const rng = createRng(1);
    expect([rng(), rng(), rng()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
});

/** A statistic that ignores the resample and returns how often it was called: 0, 1, 2, … */
function counter(transform: (call: number) => number = (call) => call) {
  let calls = 0;
  return () => transform(calls++);
}

describe("bootstrapInterval", () => {
  test("defaults to 1,000 resamples and the 2.5th and 97.5th percentiles", () => {
    // Statistics 0..999: positions 999 · 0.025 = 24.975 and 999 · 0.975 = 974.025.
    const [lo, hi] = bootstrapInterval([1, 2, 3], counter())!;
    expect(lo).toBeCloseTo(24.975, 9);
    expect(hi).toBeCloseTo(974.025, 9);
  });

  test("takes the resample count and confidence it is given", () => {
    // Statistics 0..99 at 90%: positions 99 · 0.05 = 4.95 and 99 · 0.95 = 94.05.
    const [lo, hi] = bootstrapInterval([1], counter(), { resamples: 100, confidence: 0.9 })!;
    expect(lo).toBeCloseTo(4.95, 9);
    expect(hi).toBeCloseTo(94.05, 9);
  });

  test("sorts the statistics and drops non-finite ones", () => {
    // 999, 998, …, 0 with every odd call NaN: the 500 even values 0..998; positions 499 · 0.025 = 12.475 and
    // 499 · 0.975 = 486.525, i.e. 24.95 and 973.05.
    const statistic = counter((call) => (call % 2 === 1 ? Number.NaN : 999 - call - 1));
    const [lo, hi] = bootstrapInterval([1], statistic)!;
    expect(lo).toBeCloseTo(24.95, 9);
    expect(hi).toBeCloseTo(973.05, 9);
    expect(bootstrapInterval([1], () => Number.NaN)).toBeNull();
    expect(bootstrapInterval([], mean)).toBeNull();
    // No units is no interval, even for a statistic that has a value on an empty sample.
    expect(bootstrapInterval([], () => 0)).toBeNull();
  });

  test("resamples with replacement, every unit equally likely, as many units as given", () => {
    const seen = new Map<string, number>();
    const sizes = new Set<number>();
    bootstrapInterval(["a", "b", "c"], (sample) => {
      sizes.add(sample.length);
      for (const unit of sample) seen.set(unit, (seen.get(unit) ?? 0) + 1);
      return 0;
    });
    expect([...sizes]).toEqual([3]);
    // 3,000 draws: 1,000 expected per unit, standard deviation about 26.
    expect([...seen.keys()].sort()).toEqual(["a", "b", "c"]);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(130);
  });

  test("is the normal-theory 95% interval for a proportion with many items", () => {
    // 400 items, half of them 1: p̂ = 0.5, standard error √(0.25 / 400) = 0.025, so 0.5 ± 1.96 · 0.025
    // = [0.451, 0.549]. A 60% interval would be 0.5 ± 0.021.
    const items = Array.from({ length: 400 }, (_, i) => i % 2);
    const [lo, hi] = bootstrapInterval(items, mean)!;
    expect(lo).toBeGreaterThan(0.44);
    expect(lo).toBeLessThan(0.46);
    expect(hi).toBeGreaterThan(0.54);
    expect(hi).toBeLessThan(0.56);
    // Same seed, same interval; another seed, another draw.
    expect(bootstrapInterval(items, mean)).toEqual([lo, hi]);
    expect(bootstrapInterval(items, mean, { seed: 1 })).not.toEqual([lo, hi]);
  });
});

describe("aggregateBenchmark intervals", () => {
  test("are 95% intervals: the normal-theory width for 400 items at accuracy 0.5", () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ outcome: "scored" as const, scores: { correct: i % 2 } }));
    const [lo, hi] = aggregateBenchmark("mcq", items).ci.accuracy;
    expect(lo).toBeGreaterThan(0.44);
    expect(lo).toBeLessThan(0.46);
    expect(hi).toBeGreaterThan(0.54);
    expect(hi).toBeLessThan(0.56);
  });
});
