import { describe, expect, it, test } from "vitest";
import { lcsLength, rougeF1, rougeL, rougeN } from "./rouge";
import { tokenizeChars as t } from "./tokenize";

describe("rougeN", () => {
  test("我有点头痛 vs 我有一点头痛", () => {
    // ROUGE-1: overlap 5, P = 5/5, R = 5/6, F = 2·(5/6)/(11/6) = 10/11.
    const r1 = rougeN(t("我有点头痛"), t("我有一点头痛"), 1);
    expect(r1.precision).toBe(1);
    expect(r1.recall).toBeCloseTo(5 / 6, 12);
    expect(r1.f1).toBeCloseTo(10 / 11, 12);
    // ROUGE-2: hyp {我有 有点 点头 头痛}, ref {我有 有一 一点 点头 头痛}: overlap 3, P = 3/4, R = 3/5,
    // F = 2·0.45/1.35 = 2/3.
    expect(rougeN(t("我有点头痛"), t("我有一点头痛"), 2).f1).toBeCloseTo(2 / 3, 12);
  });

  test("clips repeated n-grams", () => {
    // 痛痛痛 vs 痛: overlap min(3,1) = 1, P = 1/3, R = 1, F = (2/3)/(4/3) = 1/2.
    expect(rougeN(t("痛痛痛"), t("痛"), 1).f1).toBeCloseTo(0.5, 12);
  });

  test("empty or too-short sides score 0", () => {
    expect(rougeN([], t("痛"), 1).f1).toBe(0);
    expect(rougeN(t("痛"), t("痛"), 2).f1).toBe(0);
  });
});

describe("rougeL", () => {
  test("uses the longest common subsequence", () => {
    // 头痛发热 vs 发热头痛: LCS 头痛 (or 发热) = 2, P = R = 2/4, F = 1/2.
    expect(lcsLength(t("头痛发热"), t("发热头痛"))).toBe(2);
    expect(rougeL(t("头痛发热"), t("发热头痛")).f1).toBeCloseTo(0.5, 12);
    // 我有点头痛 is a subsequence of 我有一点头痛: LCS 5, F = 10/11.
    expect(rougeL(t("我有点头痛"), t("我有一点头痛")).f1).toBeCloseTo(10 / 11, 12);
    expect(rougeL([], t("痛")).f1).toBe(0);
  });
});

describe("rougeF1", () => {
  test("takes each metric's best reference independently", () => {
    // ref1 发热头痛: R1 = 4/4 → 1, R2 {头痛 痛发 发热} ∩ {发热 热头 头痛} = 2 → P = R = 2/3 → 2/3, RL = 1/2.
    // ref2 头痛发烧: R1 overlap 头痛发 = 3 → 3/4, R2 {头痛 痛发} = 2 → 2/3, RL 头痛发 = 3 → 3/4.
    // max: R1 1 (ref1), R2 2/3, RL 3/4 (ref2).
    const s = rougeF1(t("头痛发热"), [t("发热头痛"), t("头痛发烧")]);
    expect(s.rouge1).toBeCloseTo(1, 12);
    expect(s.rouge2).toBeCloseTo(2 / 3, 12);
    expect(s.rougeL).toBeCloseTo(0.75, 12);
  });
});

describe("lcsLength across 32-token words", () => {
  // Tokens that never occur in the references below.
  const preamble = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

  it("finds a match that lies wholly beyond the first word, or the first two words, of the hypothesis", () => {
    // The common part is exactly the reference, so LCS = |ref| however long the unrelated preamble is.
    const ref = t("多喝水注意休息");
    for (const n of [32, 40, 64, 70]) expect(lcsLength([...preamble(n), ...ref], ref)).toBe(7);
    expect(lcsLength([...preamble(40), "乙"], ["乙"])).toBe(1);
  });

  it("scores a long preamble followed by the reference as full recall and low precision", () => {
    // 70 preamble tokens + 7: LCS 7, P = 7/77 = 1/11, R = 1, F = 2·(1/11)/(12/11) = 1/6.
    const ref = t("多喝水注意休息");
    const s = rougeL([...preamble(70), ...ref], ref);
    expect(s.precision).toBeCloseTo(1 / 11, 12);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(1 / 6, 12);
  });

  it("gives n − k for a copy with k tokens deleted, over one, two and three words", () => {
    // The copy is a subsequence of the original and no common subsequence is longer than the copy.
    const original = (n: number) => Array.from({ length: n }, (_, i) => "甲乙丙丁戊"[(i * i + 3 * i) % 5]);
    for (const [n, deleted] of [
      [33, [0, 31, 32]],
      [65, [5, 32, 63, 64]],
      [96, [0, 1, 2, 40, 70, 95]],
    ] as const) {
      const a = original(n);
      const copy = a.filter((_, i) => !(deleted as readonly number[]).includes(i));
      expect(lcsLength(a, copy)).toBe(n - deleted.length);
      expect(lcsLength(copy, a)).toBe(n - deleted.length);
    }
  });
});

describe("lcsLength against the dynamic-programming definition", () => {
  function lcsTable(a: string[], b: string[]): number {
    const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
    return t[a.length][b.length];
  }

  it("agrees on random sequences across word boundaries (lengths 0..150, small alphabets)", () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 300; trial++) {
      const alphabet = "甲乙丙丁戊己".slice(0, 2 + Math.floor(next() * 4));
      const gen = () => Array.from({ length: Math.floor(next() * 150) }, () => alphabet[Math.floor(next() * alphabet.length)]);
      const a = gen();
      const b = gen();
      expect(lcsLength(a, b)).toBe(lcsTable(a, b));
    }
  });
});
