import { describe, expect, it } from "vitest";
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

  it("stores both rewards as JSON and reads back only finite numbers", () => {
    expect(parseRewardScores(formatRewardScores({ chosen: 1.5, rejected: -2 }))).toEqual({ chosen: 1.5, rejected: -2 });
    expect(parseRewardScores('{"chosen": "1", "rejected": 2}')).toBeNull();
    expect(parseRewardScores("not json")).toBeNull();
    expect(parseRewardScores("null")).toBeNull();
  });

  it("measures answers in characters, not UTF-16 units", () => {
    expect(lengthRewards({ chosen: "头痛𠀀", rejected: "ab" })).toEqual({ chosen: 3, rejected: 2 });
  });
});
