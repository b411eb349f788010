import { describe, expect, it } from "vitest";
import { bootstrapInterval, mean } from "./bootstrap";
import { aggregateReward, formatRewardScores, lengthRewards, pairCredit, parseRewardScores, summariseMargins } from "./reward";

describe("reward accuracy", () => {
  it("credits a right ranking 1, a tie 1/2 and a wrong one 0", () => {
    expect([pairCredit({ chosen: 2, rejected: 1 }), pairCredit({ chosen: 1, rejected: 1 }), pairCredit({ chosen: 0, rejected: 3 })]).toEqual([1, 0.5, 0]);
  });

  it("computes accuracy, ties and per-category figures by hand", () => {
    // Credits 1, 0.5, 0, 1: accuracy 2.5 / 4; category a: (1 + 0.5) / 2, category b: (0 + 1) / 2.
    const result = aggregateReward([
      { chosen: 3, rejected: 1, category: "a" },
      { chosen: 2, rejected: 2, category: "a" },
      { chosen: 1, rejected: 4, category: "b" },
      { chosen: 5, rejected: 0, category: "b" },
    ]);
    expect(result.accuracy).toBe(0.625);
    expect(result.ties).toBe(1);
    expect(result.n).toBe(4);
    expect(result.byCategory.a).toMatchObject({ accuracy: 0.75, n: 2, ties: 1 });
    expect(result.byCategory.b).toMatchObject({ accuracy: 0.5, n: 2, ties: 0 });
    const [lo, hi] = result.ci!;
    expect(lo).toBeLessThanOrEqual(0.625);
    expect(hi).toBeGreaterThanOrEqual(0.625);
    // Margins 2, 0, −3, 5.
    expect(result.margins).toMatchObject({ min: -3, max: 5, median: 1, mean: 1 });
    expect(result.margins!.histogram.reduce((s, b) => s + b.n, 0)).toBe(4);
  });

  it("has no accuracy and no interval without tuples, and one bin for equal margins", () => {
    const empty = aggregateReward([]);
    expect(empty.accuracy).toBeNaN();
    expect(empty.ci).toBeNull();
    expect(summariseMargins([1, 1])!.histogram).toEqual([{ from: 1, to: 1, n: 2 }]);
  });

  it("lists categories alphabetically and keeps tuples without one out of the per-category figures", () => {
    const result = aggregateReward([
      { chosen: 1, rejected: 0, category: "外科" },
      { chosen: 0, rejected: 1 },
      { chosen: 2, rejected: 2, category: "内科" },
      { chosen: 3, rejected: 1, category: "外科" },
    ]);
    // Sorted by code point: 内 (U+5185) before 外 (U+5916), whatever order the tuples came in.
    expect(Object.keys(result.byCategory)).toEqual(["内科", "外科"]);
    expect(result.byCategory.内科).toMatchObject({ accuracy: 0.5, n: 1, ties: 1 });
    expect(result.byCategory.外科).toMatchObject({ accuracy: 1, n: 2, ties: 0 });
    // Credits 1, 0, 0.5, 1: the uncategorised tuple still counts in the total.
    expect(result).toMatchObject({ accuracy: 0.625, n: 4, ties: 1 });
  });

  it("draws the bootstrap intervals, overall and per category, with the given seed", () => {
    const scores = [[2, 1], [1, 2], [1, 1], [3, 0], [0, 4], [5, 4], [2, 2], [1, 0], [4, 3], [0, 1], [2, 0], [3, 2]];
    const pairs = scores.map(([chosen, rejected]) => ({ chosen, rejected, category: "a" }));
    const credits = [1, 0, 0.5, 1, 0, 1, 0.5, 1, 1, 0, 1, 1];
    const result = aggregateReward(pairs, { seed: 7 });
    expect(result.ci).toEqual(bootstrapInterval(credits, mean, { seed: 7 }));
    expect(result.byCategory.a.ci).toEqual(bootstrapInterval(credits, mean, { seed: 7 }));
  });

  it("stores both rewards as JSON and reads back only finite numbers", () => {
    expect(parseRewardScores(formatRewardScores({ chosen: 1.5, rejected: -2 }))).toEqual({ chosen: 1.5, rejected: -2 });
    expect(parseRewardScores('{"chosen": "1", "rejected": 2}')).toBeNull();
    expect(parseRewardScores("not json")).toBeNull();
    expect(parseRewardScores("null")).toBeNull();
    // JSON.parse reads an overflowing number as Infinity.
    expect(parseRewardScores('{"chosen": 1e999, "rejected": 0}')).toBeNull();
    expect(parseRewardScores('{"chosen": 0, "rejected": -1e999}')).toBeNull();
  });

  it("measures answers in characters, not UTF-16 units", () => {
    expect(lengthRewards({ chosen: "头痛𠀀", rejected: "ab" })).toEqual({ chosen: 3, rejected: 2 });
  });
});

describe("summariseMargins", () => {
  it("has no summary without margins", () => {
    expect(summariseMargins([])).toBeNull();
  });

  it("sorts the margins and computes quantiles, mean and a ten-bin histogram by hand", () => {
    // Sorted −2, 0, 0.4, 3, 3 (n = 5, positions 0..4). p10 at position 0.4: −2 + 0.4·(0 − (−2)) = −1.2;
    // p25 at 1: 0; median at 2: 0.4; p75 at 3: 3; p90 at 3.6: 3. Mean 4.4 / 5 = 0.88.
    const summary = summariseMargins([3, -2, 0, 0.4, 3])!;
    expect(summary).toMatchObject({ min: -2, p25: 0, median: 0.4, p75: 3, p90: 3, max: 3 });
    expect(summary.p10).toBeCloseTo(-1.2);
    expect(summary.mean).toBeCloseTo(0.88);
    // Width (3 − (−2)) / 10 = 0.5; bin i is [−2 + 0.5i, −2 + 0.5(i + 1)). −2 → bin 0; 0 → 2 / 0.5 = bin 4;
    // 0.4 → 2.4 / 0.5 = 4.8 → bin 4; 3 → 10, the maximum, kept in the last bin 9.
    expect(summary.histogram).toEqual([
      { from: -2, to: -1.5, n: 1 },
      { from: -1.5, to: -1, n: 0 },
      { from: -1, to: -0.5, n: 0 },
      { from: -0.5, to: 0, n: 0 },
      { from: 0, to: 0.5, n: 2 },
      { from: 0.5, to: 1, n: 0 },
      { from: 1, to: 1.5, n: 0 },
      { from: 1.5, to: 2, n: 0 },
      { from: 2, to: 2.5, n: 0 },
      { from: 2.5, to: 3, n: 2 },
    ]);
  });
});
