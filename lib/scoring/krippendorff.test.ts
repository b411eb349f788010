import { describe, expect, test } from "vitest";
import { alphaWithInterval, krippendorffAlpha } from "./krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers × 12 units, values 1–5,
// "." missing. Published: nominal 0.743, ordinal 0.815, interval 0.849.
const observers: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const units = observers[0].map((_, u) => observers.map((row) => row[u]).filter((v): v is number => v !== null));

describe("krippendorffAlpha on the published 4 × 12 example with missing values", () => {
  test("nominal 0.743, ordinal 0.815, interval 0.849", () => {
    expect(krippendorffAlpha(units, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, "interval")).toBeCloseTo(0.849, 3);
  });
});

describe("krippendorffAlpha, hand-computed cases", () => {
  test("two coders disagreeing on one of four binary units", () => {
    // Units (0,0) (0,0) (1,1) (0,1): o00 = 4, o11 = 2, o01 = o10 = 1; n0 = 5, n1 = 3, n = 8.
    // D_o ∝ o01 + o10 = 2; D_e ∝ 2·n0·n1 = 30; alpha = 1 − 7 · 2 / 30 = 0.5333…
    expect(krippendorffAlpha([[0, 0], [0, 0], [1, 1], [0, 1]], "nominal")).toBeCloseTo(1 - 14 / 30, 12);
  });

  test("perfect agreement is 1; systematic disagreement goes below 0", () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [3, 3]], "ordinal")).toBe(1);
    expect(krippendorffAlpha([[1, 2], [2, 1]], "nominal")).toBeLessThan(0);
  });

  test("undefined (null) without variation or without pairable units", () => {
    expect(krippendorffAlpha([[2, 2], [2, 2, 2]], "nominal")).toBeNull();
    expect(krippendorffAlpha([[1], [2], []], "interval")).toBeNull();
    expect(krippendorffAlpha([], "ordinal")).toBeNull();
  });

  test("ordinal distances follow the numeric order of the values, not the order they first appear in", () => {
    // Units (3,3) (1,1) (2,3): o33 = 2, o11 = 2, o23 = o32 = 1; n1 = 2, n2 = 1, n3 = 3, n = 6.
    // δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²: δ²(1,2) = (3 − 1.5)² = 2.25, δ²(2,3) = (4 − 2)² = 4,
    // δ²(1,3) = (6 − 2.5)² = 12.25. D_o ∝ 2 · 4 = 8; D_e ∝ 2 · (2·1·2.25 + 1·3·4 + 2·3·12.25) = 180.
    // alpha = 1 − 5 · 8 / 180 = 7/9.
    expect(krippendorffAlpha([[3, 3], [1, 1], [2, 3]], "ordinal")).toBeCloseTo(7 / 9, 12);
  });

  test("single-valued units change nothing", () => {
    const base = krippendorffAlpha(units, "ordinal");
    expect(krippendorffAlpha([...units, [5], [1]], "ordinal")).toBe(base);
  });
});

describe("alphaWithInterval", () => {
  test("interval brackets the estimate and is reproducible by seed", () => {
    const a = alphaWithInterval(units, "nominal", { seed: 7 });
    const b = alphaWithInterval(units, "nominal", { seed: 7 });
    expect(a).toEqual(b);
    expect(a.pairableUnits).toBe(11);
    expect(a.values).toBe(40);
    const [lo, hi] = a.interval!;
    expect(lo).toBeLessThanOrEqual(a.alpha!);
    expect(hi).toBeGreaterThanOrEqual(a.alpha!);
  });

  test("takes the bootstrap options it is given", () => {
    // One resample is one value of alpha: both ends of the interval are that value.
    const [lo, hi] = alphaWithInterval(units, "nominal", { resamples: 1, seed: 7 }).interval!;
    expect(lo).toBe(hi);
  });

  test("no interval when alpha is undefined", () => {
    expect(alphaWithInterval([[1, 1]], "nominal")).toEqual({ alpha: null, interval: null, pairableUnits: 1, values: 2 });
  });
});
