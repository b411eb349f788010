import { describe, expect, it } from "vitest";
import { addTotals, aggregatePerplexity, bitsOf, parseDocumentTotals, perplexityMetrics, perplexityPlan, scoreWindow, windowPlan } from "./perplexity";
import { bootstrapInterval } from "./bootstrap";
import { pairedBootstrap } from "./paired";

const chars = (text: string) => [...text];

describe("perplexity scoring", () => {
  it("computes bits per character and byte and token perplexity by hand, without the first token", () => {
    // "甲乙丙": 乙 has probability 1/2 (1 bit), 丙 1/4 (2 bits); 甲 has no log-probability and is not counted.
    const doc = chars("甲乙丙");
    const totals = scoreWindow(doc, { start: 0, end: 3, scoreFrom: 0 }, {
      tokens: ["甲", "乙", "丙"],
      logprobs: [null, Math.log(1 / 2), Math.log(1 / 4)],
      offsets: [0, 1, 2],
    });
    expect(totals.tokens).toBe(2);
    expect(totals.chars).toBe(2);
    expect(totals.bytes).toBe(6);
    const m = perplexityMetrics(totals);
    expect(m.bits_per_char).toBeCloseTo(3 / 2, 12);
    expect(m.bits_per_byte).toBeCloseTo(3 / 6, 12);
    // exp(mean nats) = exp((ln 2 + ln 4) / 2) = 2^1.5.
    expect(m.token_perplexity).toBeCloseTo(2 ** 1.5, 12);
  });

  it("normalises by the characters the scored tokens cover (multi-character and ASCII tokens)", () => {
    // Tokens "ab" | "c" | "医生": the 2-character token 医生 (3 bits) over 2 characters and 6 bytes, c (1 bit) over 1.
    const doc = chars("abc医生");
    const totals = scoreWindow(doc, { start: 0, end: 5, scoreFrom: 0 }, {
      tokens: ["ab", "c", "医生"],
      logprobs: [null, Math.log(1 / 2), Math.log(1 / 8)],
      offsets: [0, 2, 3],
    });
    expect(totals).toEqual({ nats: Math.log(2) + Math.log(8), tokens: 2, chars: 3, bytes: 7 });
    expect(perplexityMetrics(totals).bits_per_char).toBeCloseTo(4 / 3, 12);
  });

  it("plans strided windows that score every character once after the first window", () => {
    expect(windowPlan(10, 4, 2)).toEqual([
      { start: 0, end: 4, scoreFrom: 0 },
      { start: 2, end: 6, scoreFrom: 4 },
      { start: 4, end: 8, scoreFrom: 6 },
      { start: 6, end: 10, scoreFrom: 8 },
    ]);
    expect(windowPlan(3, 4, 2)).toEqual([{ start: 0, end: 3, scoreFrom: 0 }]);
    expect(() => windowPlan(10, 4, 5)).toThrow(/stride/);
  });

  it("counts only the tokens of a later window's new part", () => {
    // Window [2, 6) of "一二三四五六", scoring from 4: tokens at window offsets 0..3 are 三四五六; only 五, 六 count.
    const doc = chars("一二三四五六");
    const totals = scoreWindow(doc, { start: 2, end: 6, scoreFrom: 4 }, {
      tokens: ["三", "四", "五", "六"],
      logprobs: [null, -1, -2, -3],
      offsets: [0, 1, 2, 3],
    });
    expect(totals).toEqual({ nats: 5, tokens: 2, chars: 2, bytes: 6 });
  });

  it("pools documents (total bits over total characters) with a document bootstrap interval", () => {
    const docs = [
      { nats: 2 * Math.LN2, tokens: 2, chars: 2, bytes: 6 },
      { nats: 6 * Math.LN2, tokens: 3, chars: 2, bytes: 6 },
    ];
    const result = aggregatePerplexity(docs, { seed: 1 });
    // 8 bits over 4 characters.
    expect(result.metrics.bits_per_char).toBeCloseTo(2, 12);
    expect(result.documents).toBe(2);
    const [lo, hi] = result.ci.bits_per_char;
    // Every resample is some mix of the two documents: between 1 and 3 bits per character.
    expect(lo).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(hi).toBeLessThanOrEqual(3 + 1e-9);
    expect(aggregatePerplexity([]).metrics).toEqual({});
  });

  it("compares two models on the same documents with the paired bootstrap", () => {
    const a = [
      { nats: 2 * Math.LN2, tokens: 2, chars: 2, bytes: 6 },
      { nats: 4 * Math.LN2, tokens: 2, chars: 2, bytes: 6 },
    ];
    const b = a.map((d) => ({ ...d, nats: d.nats / 2 }));
    const matrix = (docs: typeof a) => Float64Array.from(docs.flatMap(perplexityPlan.row));
    const diff = pairedBootstrap(perplexityPlan, matrix(a), matrix(b), 2, { seed: 3 });
    // A: 6 bits / 4 chars = 1.5; B: 0.75; B − A = −0.75, and B is lower on every resample.
    expect(diff.bits_per_char.difference).toBeCloseTo(-0.75, 12);
    expect(diff.bits_per_char.ci[1]).toBeLessThan(0);
  });
  it("refuses window plans that cannot advance, and plans a single window for an empty or exact document", () => {
    expect(() => windowPlan(10, 0, 0)).toThrow(/stride/);
    expect(() => windowPlan(10, 4, 0)).toThrow(/stride/);
    expect(() => windowPlan(10, 4, -1)).toThrow(/stride/);
    expect(() => windowPlan(10, Number.NaN, 2)).toThrow(/stride/);
    expect(windowPlan(0, 4, 2)).toEqual([{ start: 0, end: 0, scoreFrom: 0 }]);
    expect(windowPlan(4, 4, 4)).toEqual([{ start: 0, end: 4, scoreFrom: 0 }]);
    // stride = context: windows do not overlap; the last one is cut at the document's end.
    expect(windowPlan(9, 4, 4)).toEqual([
      { start: 0, end: 4, scoreFrom: 0 },
      { start: 4, end: 8, scoreFrom: 4 },
      { start: 5, end: 9, scoreFrom: 8 },
    ]);
  });

  it("skips tokens without a finite log-probability, outside the window, or covering no character", () => {
    const doc = chars("一二三四五六");
    const totals = scoreWindow(doc, { start: 0, end: 4, scoreFrom: 0 }, {
      // 二's log-probability is NaN; 三 and a zero-width token share offset 2, so 三 covers nothing and the second
      // token covers 三; 五 starts at the window's end and is not scored although the server sent it.
      tokens: ["一", "二", "三", "", "四", "五"],
      logprobs: [-9, Number.NaN, -1, -2, -3, -4],
      offsets: [0, 1, 2, 2, 3, 4],
    });
    // Scored: 一 (9, 1 char), twin at 2 (2, covers 三), 四 (3, 1 char): 14 nats over 3 tokens and 3 characters.
    expect(totals).toEqual({ nats: 14, tokens: 3, chars: 3, bytes: 9 });
  });

  it("reads only as many tokens as it has both log-probabilities and offsets for; the last covers to the window's end", () => {
    const doc = chars("一二三四");
    const fewerOffsets = scoreWindow(doc, { start: 0, end: 4, scoreFrom: 0 }, { tokens: [], logprobs: [-1, -2, -3], offsets: [0, 1] });
    // Token 0 covers 一; token 1 is the last read and covers 二三四 to the window's end.
    expect(fewerOffsets).toEqual({ nats: 3, tokens: 2, chars: 4, bytes: 12 });
    const fewerLogprobs = scoreWindow(doc, { start: 0, end: 4, scoreFrom: 0 }, { tokens: [], logprobs: [-1], offsets: [0, 2, 3] });
    expect(fewerLogprobs).toEqual({ nats: 1, tokens: 1, chars: 4, bytes: 12 });
    // A later token's offset beyond the window is cut at the window's end.
    const beyond = scoreWindow(doc, { start: 0, end: 2, scoreFrom: 0 }, { tokens: [], logprobs: [-1, -5], offsets: [0, 7] });
    expect(beyond).toEqual({ nats: 1, tokens: 1, chars: 2, bytes: 6 });
  });

  it("adds totals field by field and counts bits from nats", () => {
    expect(addTotals({ nats: 1, tokens: 2, chars: 3, bytes: 4 }, { nats: 10, tokens: 20, chars: 30, bytes: 40 })).toEqual({ nats: 11, tokens: 22, chars: 33, bytes: 44 });
    expect(bitsOf({ nats: 3 * Math.LN2 })).toBeCloseTo(3, 12);
    expect(perplexityPlan.row({ nats: 1, tokens: 2, chars: 3, bytes: 4 })).toEqual([1, 2, 3, 4]);
    expect(perplexityPlan.metrics(Float64Array.from([4 * Math.LN2, 2, 8, 16]))).toEqual(perplexityMetrics({ nats: 4 * Math.LN2, tokens: 2, chars: 8, bytes: 16 }));
    expect(perplexityPlan.metrics(Float64Array.from([4 * Math.LN2, 2, 8, 16])).bits_per_char).toBeCloseTo(0.5, 12);
  });

  it("pools only documents with scored tokens and characters, with an interval for each metric", () => {
    const doc = { nats: 2 * Math.LN2, tokens: 2, chars: 2, bytes: 6 };
    const result = aggregatePerplexity([doc, { nats: 5, tokens: 0, chars: 3, bytes: 9 }, { nats: 5, tokens: 1, chars: 0, bytes: 0 }, doc], { seed: 2, resamples: 50 });
    expect(result.documents).toBe(2);
    expect(result.totals).toEqual({ nats: 4 * Math.LN2, tokens: 4, chars: 4, bytes: 12 });
    expect(result.metrics.bits_per_char).toBeCloseTo(1, 12);
    expect(result.metrics.bits_per_byte).toBeCloseTo(4 / 12, 12);
    expect(result.metrics.token_perplexity).toBeCloseTo(2, 12);
    // Two identical documents: every resample gives the same numbers, so each interval is a point.
    expect(Object.keys(result.ci).sort()).toEqual(["bits_per_byte", "bits_per_char", "token_perplexity"]);
    expect(result.ci.bits_per_char[0]).toBeCloseTo(1, 12);
    expect(result.ci.bits_per_char[1]).toBeCloseTo(1, 12);
    expect(result.ci.bits_per_byte[0]).toBeCloseTo(1 / 3, 12);
    expect(result.ci.token_perplexity[1]).toBeCloseTo(2, 12);
    // With no resamples there is no interval to give.
    expect(aggregatePerplexity([doc, doc], { resamples: 0 }).ci).toEqual({});
    const none = aggregatePerplexity([{ nats: 1, tokens: 0, chars: 0, bytes: 0 }]);
    expect(none).toEqual({ metrics: {}, ci: {}, totals: { nats: 0, tokens: 0, chars: 0, bytes: 0 }, documents: 0 });
  });

  it("resamples documents with the seed and count it is given", () => {
    // Bits per character of documents 1, 2, 3 and 6 bits over one character each: a resample's pooled figure is
    // its mean, so the interval is the percentile bootstrap of the mean over those four values.
    const bits = [1, 2, 3, 6];
    const docs = bits.map((b) => ({ nats: b * Math.LN2, tokens: 1, chars: 1, bytes: 3 }));
    const reference = (seed: number) => bootstrapInterval(bits, (sample) => sample.reduce((s, b) => s + b, 0) / sample.length, { seed, resamples: 300 });
    const [lo, hi] = aggregatePerplexity(docs, { seed: 4, resamples: 300 }).ci.bits_per_char;
    expect(lo).toBeCloseTo(reference(4)![0], 12);
    expect(hi).toBeCloseTo(reference(4)![1], 12);
    expect(reference(4)).not.toEqual(reference(5));
  });

  it("reads a document's stored totals back, and nothing from text that is not five finite, non-negative numbers", () => {
    expect(parseDocumentTotals('{"nats":1.5,"tokens":2,"chars":3,"bytes":9,"windows":1,"extra":"x"}')).toEqual({ nats: 1.5, tokens: 2, chars: 3, bytes: 9, windows: 1 });
    expect(parseDocumentTotals('{"nats":0,"tokens":0,"chars":0,"bytes":0,"windows":0}')).toEqual({ nats: 0, tokens: 0, chars: 0, bytes: 0, windows: 0 });
    for (const bad of [
      "not json",
      "null",
      "3",
      '"text"',
      "[]",
      '{"nats":1,"tokens":2,"chars":3,"bytes":9}',
      '{"nats":-1,"tokens":2,"chars":3,"bytes":9,"windows":1}',
      '{"nats":"1","tokens":2,"chars":3,"bytes":9,"windows":1}',
      '{"nats":1,"tokens":2,"chars":3,"bytes":1e999,"windows":1}',
    ]) {
      expect(parseDocumentTotals(bad), bad).toBeNull();
    }
  });
});
