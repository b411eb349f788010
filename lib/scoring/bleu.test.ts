import { describe, expect, test } from "vitest";
import { bleuFromTotals, bleuStats, closestRefLength, corpusBleu, corpusBleuFromStats } from "./bleu";
import { tokenizeChars as t } from "./tokenize";

// Expected values were worked by hand and agree with NLTK 3.8 corpus_bleu(weights=(1/n,)*n), which gives ~1e-77
// (log of float min) where we give 0.
describe("bleuStats", () => {
  test("counts clipped n-grams for 我有点头痛 vs 我有一点头痛", () => {
    // 1-grams 我有点头痛 all in ref: 5/5. 2-grams 我有 有点 点头 头痛; ref has 我有 点头 头痛: 3/4.
    // 3-grams 我有点 有点头 点头痛; ref has 点头痛: 1/3. 4-grams 我有点头 有点头痛: 0/2.
    expect(bleuStats(t("我有点头痛"), [t("我有一点头痛")])).toEqual({
      matches: [5, 3, 1, 0],
      totals: [5, 4, 3, 2],
      hypLen: 5,
      refLen: 6,
    });
  });

  test("clips each n-gram by its max count over references", () => {
    // 1-grams 头×2 痛×2; ref1 头1 痛1, ref2 头2 痛1 → min(2,2)+min(2,1) = 3 of 4.
    // 2-grams 头痛×2 痛头×1; max ref 头痛 1, 痛头 1 → 2 of 3. 3-grams 头痛头 痛头痛; ref2 has 头痛头 → 1 of 2.
    // 4-gram 头痛头痛 → 0 of 1. Closest ref length to 4 among {2, 3} is 3.
    expect(bleuStats(t("头痛头痛"), [t("头痛"), t("头痛头")])).toEqual({
      matches: [3, 2, 1, 0],
      totals: [4, 3, 2, 1],
      hypLen: 4,
      refLen: 3,
    });
  });

  test("floors denominators at 1 when the hypothesis is shorter than n, as NLTK does", () => {
    expect(bleuStats(t("水"), [t("喝水")]).totals).toEqual([1, 1, 1, 1]);
    expect(bleuStats([], [t("喝水")])).toEqual({ matches: [0, 0, 0, 0], totals: [1, 1, 1, 1], hypLen: 0, refLen: 2 });
  });

  test("keeps word boundaries inside n-grams of multi-character (jieba) tokens", () => {
    // 头|痛药 vs 头痛|药: no word in common, and the bigram (头, 痛药) is not (头痛, 药) although both spell 头痛药.
    expect(bleuStats(["头", "痛药"], [["头痛", "药"]])).toEqual({ matches: [0, 0, 0, 0], totals: [2, 1, 1, 1], hypLen: 2, refLen: 2 });
  });

  test("refuses an item without references", () => {
    expect(() => bleuStats(t("水"), [])).toThrow("bleuStats needs at least one reference");
  });
});

describe("closestRefLength", () => {
  test("breaks ties towards the shorter reference", () => {
    expect(closestRefLength([6, 4], 5)).toBe(4);
    expect(closestRefLength([9, 7, 4], 6)).toBe(7);
    // The shorter one wins whichever order the references come in.
    expect(closestRefLength([4, 6], 5)).toBe(4);
    expect(closestRefLength([5, 3, 7], 5)).toBe(5);
  });
});

describe("corpusBleu", () => {
  test("single sentence", () => {
    // BP = exp(1 - 6/5) = exp(-0.2) = 0.8187307531
    // BLEU-1 = BP · 1; BLEU-2 = BP · (1 · 3/4)^(1/2) = 0.7090416310; BLEU-3 = BP · (1 · 3/4 · 1/3)^(1/3) = 0.5157680550
    // BLEU-4 = 0: no 4-gram matches.
    const hyps = [t("我有点头痛")];
    const refs = [[t("我有一点头痛")]];
    expect(corpusBleu(hyps, refs, 1)).toBeCloseTo(0.8187307531, 10);
    expect(corpusBleu(hyps, refs, 2)).toBeCloseTo(0.709041631, 9);
    expect(corpusBleu(hyps, refs, 3)).toBeCloseTo(0.515768055, 9);
    expect(corpusBleu(hyps, refs, 4)).toBe(0);
  });

  test("two sentences sum numerators, denominators and lengths before combining", () => {
    // 多喝水 vs 多喝热水: 1-grams 3/3, 2-grams 多喝 of {多喝, 喝水} 1/2, 3-grams 0/1, 4-grams 0/max(1,0)=1.
    // Corpus: matches [8,4,1,0], totals [8,6,4,3], c = 8, r = 10 → BP = exp(1 - 10/8) = exp(-0.25) = 0.7788007831.
    // BLEU-2 = BP · (8/8 · 4/6)^(1/2) = 0.6358881766; BLEU-3 = BP · (1 · 2/3 · 1/4)^(1/3) = 0.4285905878.
    const hyps = [t("我有点头痛"), t("多喝水")];
    const refs = [[t("我有一点头痛")], [t("多喝热水")]];
    expect(corpusBleu(hyps, refs, 1)).toBeCloseTo(0.7788007831, 10);
    expect(corpusBleu(hyps, refs, 2)).toBeCloseTo(0.6358881766, 10);
    expect(corpusBleu(hyps, refs, 3)).toBeCloseTo(0.4285905878, 10);
    expect(corpusBleu(hyps, refs, 4)).toBe(0);
  });

  test("multiple references", () => {
    // From the stats above: c = 4 > r = 3 → BP = 1. BLEU-1 = 3/4; BLEU-2 = (3/4 · 2/3)^(1/2) = 0.7071067812;
    // BLEU-3 = (3/4 · 2/3 · 1/2)^(1/3) = 0.25^(1/3) = 0.6299605249.
    const hyps = [t("头痛头痛")];
    const refs = [[t("头痛"), t("头痛头")]];
    expect(corpusBleu(hyps, refs, 1)).toBeCloseTo(0.75, 12);
    expect(corpusBleu(hyps, refs, 2)).toBeCloseTo(0.7071067812, 10);
    expect(corpusBleu(hyps, refs, 3)).toBeCloseTo(0.6299605249, 10);
  });

  test("BLEU-4 of a prefix is the brevity penalty alone", () => {
    // Every n-gram of 患者有高血压病史 (8 chars) is in the 10-char ref → BLEU-4 = exp(1 - 10/8) = 0.7788007831.
    expect(corpusBleu([t("患者有高血压病史")], [[t("患者有高血压病史五年")]], 4)).toBeCloseTo(0.7788007831, 10);
  });

  test("a hypothesis between two equally close references takes the shorter length, so no brevity penalty", () => {
    // 头痛发热咳 (5) vs 头痛发热 (4) and 头痛发热咳嗽 (6): every n-gram is in the second reference, so all
    // precisions are 1. r = 4 (tie → shorter) < c = 5 → BP = 1 and BLEU-4 = 1; r = 6 would give exp(1 − 6/5).
    expect(corpusBleu([t("头痛发热咳")], [[t("头痛发热"), t("头痛发热咳嗽")]], 4)).toBe(1);
  });

  test("refuses hypotheses and reference lists of different lengths, and an order below 1", () => {
    expect(() => corpusBleu([t("水")], [[t("水")], [t("火")]], 1)).toThrow("hyps and refsList differ in length");
    expect(() => corpusBleu([t("水")], [[t("水")]], 0)).toThrow("BLEU order 0 needs stats up to 0-grams");
  });

  test("no unigram match, empty hypothesis and empty corpus give 0", () => {
    expect(corpusBleu([t("好")], [[t("坏")]], 1)).toBe(0);
    expect(corpusBleu([[]], [[t("坏")]], 1)).toBe(0);
    expect(corpusBleu([], [], 4)).toBe(0);
  });
});

describe("corpusBleuFromStats", () => {
  test("equals corpusBleu and serves lower orders from 4-gram stats", () => {
    const stats = [bleuStats(t("我有点头痛"), [t("我有一点头痛")]), bleuStats(t("多喝水"), [t("多喝热水")])];
    expect(corpusBleuFromStats(stats, 2)).toBeCloseTo(0.6358881766, 10);
    expect(() => corpusBleuFromStats([bleuStats(t("水"), [t("水")], 2)], 4)).toThrow("BLEU order 4 needs stats up to 4-grams");
  });
});

describe("bleuFromTotals", () => {
  test("combines corpus sums: geometric mean of the precisions times the brevity penalty", () => {
    // matches [3, 1], totals [4, 2], c = 4 > r = 3 → BP = 1; BLEU-2 = (3/4 · 1/2)^(1/2) = √0.375 = 0.6123724357.
    expect(bleuFromTotals([3, 1], [4, 2], 4, 3, 2)).toBeCloseTo(0.6123724357, 10);
  });

  test("refuses an order it has no sums for", () => {
    expect(() => bleuFromTotals([3], [4], 4, 3, 2)).toThrow("BLEU order 2 needs stats up to 2-grams");
    expect(() => bleuFromTotals([3], [4], 4, 3, 0)).toThrow("BLEU order 0 needs stats up to 0-grams");
  });
});
