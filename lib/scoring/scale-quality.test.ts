import { describe, expect, it } from "vitest";
import type { ScaleAnswer } from "./scale-score";
import { ORDER_EFFECT_SHARE, RESPONSE_SET_SHARE, responsePatterns, subscaleBasis } from "./scale-quality";

const parsed = (itemN: number, value: number, letterPosition: number): ScaleAnswer => ({ itemN, sample: 0, outcome: "parsed", value, letterPosition });

describe("subscaleBasis", () => {
  it("counts the answered items of each subscale and marks pro-rated ones", () => {
    const subscales = [
      { id: "A", items: [1, 2, 3] },
      { id: "B", items: [4, 5] },
    ];
    expect(subscaleBasis(subscales, new Set([1, 2, 4, 5]))).toEqual([
      { id: "A", answered: 2, items: 3, prorated: true },
      { id: "B", answered: 2, items: 2, prorated: false },
    ]);
  });
});

describe("responsePatterns", () => {
  it("flags a model that answers the same shown option to (almost) every item, with the share", () => {
    // 40 items, all "A" (position 0), published order: a = 1 everywhere.
    const allA = Array.from({ length: 40 }, (_, i) => parsed(i + 1, 1, 0));
    expect(responsePatterns(allA, { orderVaries: false })).toEqual({ sameOptionShare: 1, responseSet: true, orderEffect: null, orderDominates: false });
    // 35 of 40 on one option: 87.5%, below the 90% threshold.
    const mixed = [...allA.slice(0, 35), ...Array.from({ length: 5 }, (_, i) => parsed(36 + i, 4, 3))];
    expect(responsePatterns(mixed, { orderVaries: false })).toMatchObject({ sameOptionShare: 35 / 40, responseSet: false });
    expect(RESPONSE_SET_SHARE).toBe(0.9);
    // Refusals are not answers.
    expect(responsePatterns([{ itemN: 1, sample: 0, outcome: "refused" }], { orderVaries: false }).sameOptionShare).toBeNull();
  });

  it("flags an order effect when, with shuffled options, answers follow the position rather than the value", () => {
    // Always position 0 while the value under it changes: position share 1, value share 0.25 → effect 0.75.
    const byPosition = [parsed(1, 1, 0), parsed(2, 2, 0), parsed(3, 3, 0), parsed(4, 4, 0)];
    expect(responsePatterns(byPosition, { orderVaries: true })).toMatchObject({ orderEffect: 0.75, orderDominates: true });
    // Always value 4 at varying positions: position share 0.25, value share 1 → no order effect.
    const byMeaning = [parsed(1, 4, 0), parsed(2, 4, 1), parsed(3, 4, 2), parsed(4, 4, 3)];
    // The same answer at whatever position is a response set too (always "agree").
    expect(responsePatterns(byMeaning, { orderVaries: true })).toMatchObject({
      orderEffect: -0.75,
      orderDominates: false,
      sameOptionShare: 1,
      responseSet: true,
    });
    expect(ORDER_EFFECT_SHARE).toBe(0.3);
  });
});
