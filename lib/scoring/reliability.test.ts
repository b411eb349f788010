import { describe, expect, it } from "vitest";
import { acquiescence, changeShare, cronbachAlpha } from "./reliability";

describe("cronbachAlpha", () => {
  it("matches a hand computation", () => {
    // Items (columns): [1,2,3,4] var 5/3; [2,3,4,4] var 2.75/3; [3,3,5,4] var 2.75/3 → Σ = 3.5.
    // Row totals 6, 8, 12, 12: mean 9.5, var (12.25 + 2.25 + 6.25 + 6.25)/3 = 9.
    // alpha = 3/2 · (1 − 3.5/9) = 0.91666…
    const m = [
      [1, 2, 3],
      [2, 3, 3],
      [3, 4, 5],
      [4, 4, 4],
    ];
    expect(cronbachAlpha(m)).toBeCloseTo(11 / 12, 12);
  });

  it("is null with fewer than 2 respondents, ragged rows or zero variance", () => {
    expect(cronbachAlpha([[1, 2, 3]])).toBeNull();
    expect(cronbachAlpha([[1, 2], [3]])).toBeNull();
    expect(cronbachAlpha([[2, 2], [2, 2]])).toBeNull();
    // Total variance 0 though items vary: rows [1,3] and [3,1] both sum to 4.
    expect(cronbachAlpha([[1, 3], [3, 1]])).toBeNull();
    // No rows; one item (k/(k−1) undefined); ragged rows whose totals vary.
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1], [2]])).toBeNull();
    expect(cronbachAlpha([[1, 2], [5]])).toBeNull();
  });

  it("works from two respondents and two items", () => {
    // Items [1,3] var 2 and [2,5] var 4.5; totals [3,8] var 12.5 → 2/1 · (1 − 6.5/12.5) = 0.96.
    expect(cronbachAlpha([[1, 2], [3, 5]])).toBeCloseTo(0.96, 12);
  });
});

describe("changeShare", () => {
  it("is the mean over items of the fraction of non-modal answers", () => {
    // [4,4,5]: 1/3 non-modal; [1,2,3,3]: 2/4; [2]: too few, skipped → (1/3 + 1/2) / 2 = 5/12.
    expect(changeShare([[4, 4, 5], [1, 2, 3, 3], [2]])).toBeCloseTo(5 / 12, 12);
    expect(changeShare([[3, 3, 3]])).toBe(0);
    expect(changeShare([[1]])).toBeNull();
    // Two answers are enough: one of them is not the modal one.
    expect(changeShare([[1, 2]])).toBe(0.5);
  });
});

describe("acquiescence", () => {
  it("is the mean over items of the mean agreement value", () => {
    // Item means 5, 2 and (1 + 3)/2 = 2 → 3.
    expect(acquiescence([[5], [2, 2], [1, 3], []])).toBe(3);
    expect(acquiescence([])).toBeNull();
  });
});
