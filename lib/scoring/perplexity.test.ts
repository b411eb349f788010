import { describe, expect, it } from "vitest";
import { aggregatePerplexity, perplexityMetrics, perplexityPlan, scoreWindow, windowPlan } from "./perplexity";
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
});
