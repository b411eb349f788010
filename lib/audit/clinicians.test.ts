import { describe, expect, it } from "vitest";
import { distributionOf, insideRange, quantile, summarizeClinicians } from "./clinicians";
import { miniScale } from "./test-fixtures";

// miniScale: items 1 and 4 stigmatising when agreed (score a), items 2 and 3 when disagreed (score 6 − a).
const sheet = (raterId: string, values: number[]) => ({
  raterId,
  answers: values.map((value, i) => ({ itemN: i + 1, value, letterPosition: value - 1 })),
});

describe("clinicians' row", () => {
  it("computes type-7 quantiles by hand", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 10);
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 10);
    expect(distributionOf([4, 1, 3, 2])).toEqual({ n: 4, mean: 2.5, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 });
    expect(distributionOf([])).toBeNull();
  });

  it("scores each sheet with the model's stigma key and leaves out response sets", () => {
    // Sheet A answers 5,1,1,5: stigma 5,5,5,5 → 5. Sheet B answers 1,5,5,1 → 1. Sheet C 3,2,4,2 → (3+4+2+2)/4 = 2.75.
    const sheets = [sheet("A", [5, 1, 1, 5]), sheet("B", [1, 5, 5, 1]), sheet("C", [3, 2, 4, 2]), sheet("D", [3, 3, 3, 3])];
    const summary = summarizeClinicians(miniScale, sheets, { key: "stigma" });
    expect(summary.flagged).toBe(1);
    expect(summary.distribution).toMatchObject({ n: 3, min: 1, median: 2.75, max: 5 });
    expect(summary.distribution!.mean).toBeCloseTo((5 + 1 + 2.75) / 3, 10);
    // Item 1 (stigma = a): (5 + 1 + 3) / 3 = 3; item 2 (stigma = 6 − a): (5 + 1 + 4) / 3.
    expect(summary.itemMeans[1]).toBeCloseTo(3, 10);
    expect(summary.itemMeans[2]).toBeCloseTo(10 / 3, 10);
    const kept = summarizeClinicians(miniScale, sheets, { key: "stigma", keepFlagged: true });
    expect([kept.flagged, kept.distribution!.n]).toEqual([0, 4]);
  });

  it("says whether a model lies inside the clinicians' range", () => {
    const d = distributionOf([2, 3, 4]);
    expect([insideRange(3.5, d), insideRange(4.5, d), insideRange(null, d), insideRange(3, null)]).toEqual([true, false, null, null]);
  });
});
