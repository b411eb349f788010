import { describe, expect, it } from "vitest";
import { itemHeadlineScore, type HeadlineRow } from "./item-headline";

const done = (outcome: string | null, scores: Record<string, unknown> | null, parsed: unknown = null): HeadlineRow => ({
  status: "done",
  outcome,
  scores,
  parsed,
});

describe("itemHeadlineScore", () => {
  it("is null for an item that did not finish, whatever its scores say", () => {
    for (const status of ["error", "pending", "running", "skipped"]) {
      for (const kind of ["mcq", "ner", "open_qa", "perplexity", "scale"]) {
        const row = { status, outcome: "scored", scores: { correct: 1, tp: 1, rougeL: 0.5, nats: 1, chars: 1 }, parsed: { value: 3 } };
        expect(itemHeadlineScore(kind, row)).toBeNull();
      }
    }
  });

  it("is right (1) or wrong (0) for multiple choice, and 0 when the answer could not be read", () => {
    expect(itemHeadlineScore("mcq", done("scored", { correct: 1 }))).toBe(1);
    expect(itemHeadlineScore("mcq", done("scored", { correct: 0 }))).toBe(0);
    expect(itemHeadlineScore("mcq", done("unparsed", { correct: 1 }))).toBe(0);
    expect(itemHeadlineScore("mcq", done("scored", null))).toBe(0);
  });

  it("reads only finite numbers: a string, NaN or infinity counts as 0", () => {
    expect(itemHeadlineScore("mcq", done("scored", { correct: "1" }))).toBe(0);
    expect(itemHeadlineScore("mcq", done("scored", { correct: Number.NaN }))).toBe(0);
    expect(itemHeadlineScore("open_qa", done("scored", { rougeL: Number.POSITIVE_INFINITY }))).toBe(0);
    expect(itemHeadlineScore("open_qa", done("scored", { rougeL: null }))).toBe(0);
  });

  it("is the item's entity F1 for NER, 1 when there was nothing to find and nothing was found", () => {
    // tp 1, fp 1, fn 0: precision 1/2, recall 1, F1 = 2·(1/2)·1 / (3/2) = 2/3.
    expect(itemHeadlineScore("ner", done("scored", { tp: 1, fp: 1, fn: 0 }))).toBeCloseTo(2 / 3, 12);
    // tp 2, fp 0, fn 2: precision 1, recall 1/2, F1 = 2/3; the fn side counts as much as the fp side.
    expect(itemHeadlineScore("ner", done("scored", { tp: 2, fp: 0, fn: 2 }))).toBeCloseTo(2 / 3, 12);
    // tp 1, fp 2, fn 1: precision 1/3, recall 1/2, F1 = 2·(1/6) / (5/6) = 2/5.
    expect(itemHeadlineScore("ner", done("scored", { tp: 1, fp: 2, fn: 1 }))).toBeCloseTo(2 / 5, 12);
    expect(itemHeadlineScore("ner", done("scored", { tp: 0, fp: 0, fn: 0 }))).toBe(1);
    expect(itemHeadlineScore("ner", done("scored", {}))).toBe(1);
    // Found something where there was nothing, or missed everything: 0, not the empty item's 1.
    expect(itemHeadlineScore("ner", done("scored", { tp: 0, fp: 1, fn: 0 }))).toBe(0);
    expect(itemHeadlineScore("ner", done("scored", { tp: 0, fp: 0, fn: 1 }))).toBe(0);
  });

  it("is bits per character for a perplexity document, null when it was not scored or has no characters", () => {
    // 10 nats over 4 characters: 10 / ln 2 / 4 = 3.6067… bits per character.
    expect(itemHeadlineScore("perplexity", done("scored", { nats: 10, chars: 4 }))).toBeCloseTo(10 / Math.LN2 / 4, 12);
    expect(itemHeadlineScore("perplexity", done("scored", { nats: 10, chars: 4 }))).toBeCloseTo(3.6067376022224087, 12);
    expect(itemHeadlineScore("perplexity", done("error", { nats: 10, chars: 4 }))).toBeNull();
    expect(itemHeadlineScore("perplexity", done("scored", { nats: 10, chars: 0 }))).toBeNull();
    expect(itemHeadlineScore("perplexity", done("scored", { nats: 10 }))).toBeNull();
    expect(itemHeadlineScore("perplexity", done("scored", { chars: 8 }))).toBe(0);
  });

  it("is the answered value for a scale item, null when refused or not a number", () => {
    expect(itemHeadlineScore("scale", done("scored", null, { value: 4 }))).toBe(4);
    expect(itemHeadlineScore("scale", done("scored", null, { value: 0 }))).toBe(0);
    expect(itemHeadlineScore("scale", done("refused", null, { value: 4 }))).toBeNull();
    expect(itemHeadlineScore("scale", done("scored", null, { value: "4" }))).toBeNull();
    expect(itemHeadlineScore("scale", done("scored", null, null))).toBeNull();
    expect(itemHeadlineScore("scale", done("scored", { rougeL: 0.5 }, {}))).toBeNull();
  });

  it("is ROUGE-L for every generation kind", () => {
    for (const kind of ["open_qa", "dialogue", "instruction"]) {
      expect(itemHeadlineScore(kind, done("scored", { rougeL: 0.25, correct: 1 }))).toBe(0.25);
    }
    expect(itemHeadlineScore("open_qa", done("scored", null))).toBe(0);
  });
});
