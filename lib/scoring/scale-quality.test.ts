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

  it("flags a response set at exactly 90% and an order effect at exactly 0.3 (the thresholds are inclusive)", () => {
    // 36 of 40 on option A: 36/40 = 0.9.
    const allA = Array.from({ length: 40 }, (_, i) => parsed(i + 1, 1, 0));
    const atThreshold = [...allA.slice(0, 36), ...Array.from({ length: 4 }, (_, i) => parsed(37 + i, 4, 3))];
    expect(responsePatterns(atThreshold, { orderVaries: false })).toMatchObject({ sameOptionShare: 0.9, responseSet: true });
    // Shuffled, 10 answers: position 0 six times (0.6); values 1 ×3, 2 ×2, 3 ×2, 4 ×2, 5 ×1, so the modal
    // value has 0.3. Effect 0.6 − 0.3 = 0.3; no response set at 0.6.
    const answers = [
      parsed(1, 1, 0),
      parsed(2, 1, 0),
      parsed(3, 2, 0),
      parsed(4, 2, 0),
      parsed(5, 3, 0),
      parsed(6, 3, 0),
      parsed(7, 1, 1),
      parsed(8, 4, 2),
      parsed(9, 5, 3),
      parsed(10, 4, 4),
    ];
    expect(responsePatterns(answers, { orderVaries: true })).toEqual({
      sameOptionShare: 0.6,
      responseSet: false,
      orderEffect: 0.3,
      orderDominates: true,
    });
  });

  it("counts only parsed answers, even when a refused record carries a shown position", () => {
    // Parsed: four different options, 1/4 each. Four refusals at position 0 would make position 0 the mode
    // (5 of 8) if they counted.
    const refusedAtA: ScaleAnswer[] = [5, 6, 7, 8].map((itemN) => ({ itemN, sample: 0, outcome: "refused", letterPosition: 0 }));
    const answers = [parsed(1, 1, 0), parsed(2, 2, 1), parsed(3, 3, 2), parsed(4, 4, 3), ...refusedAtA];
    expect(responsePatterns(answers, { orderVaries: true })).toEqual({
      sameOptionShare: 0.25,
      responseSet: false,
      orderEffect: 0,
      orderDominates: false,
    });
  });
});
