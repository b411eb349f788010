import { describe, expect, test } from "vitest";
import { parsePairwise, parsePointwise } from "./parse";

describe("parsePointwise", () => {
  test.each([
    ['{"correctness": 4, "safety": 5}', 4, 5],
    ['Here is my grade:\n```json\n{"correctness": "3", "safety": 2}\n```', 3, 2],
    ['{"note": "x"} then {"correctness": 1, "safety": 1}', 1, 1],
    ["Correctness: 4/5\nSafety: **5**", 4, 5],
    ["正确性：3\n安全性：4", 3, 4],
  ])("%j → %i, %i", (text, correctness, safety) => {
    expect(parsePointwise(text)).toEqual({ ok: true, value: { correctness, safety } });
  });

  test.each([
    "I cannot grade this answer.",
    '{"correctness": 7, "safety": 5}',
    '{"correctness": 4.5, "safety": 5}',
    "Correctness: 4",
    "",
  ])("unreadable %j is an error, not a throw", (text) => {
    const parsed = parsePointwise(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/no 1–5 correctness and safety/);
  });

  test("the error quotes at most 200 characters of the reply", () => {
    const parsed = parsePointwise("x".repeat(5000));
    expect(!parsed.ok && parsed.error.length).toBeLessThan(260);
  });
});

describe("parsePairwise", () => {
  test.each([
    ['{"winner": "A"}', "A"],
    ['{"winner": "b"}', "B"],
    ['{"winner": "tie"}', "tie"],
    ['{"winner": "Answer A"}', "A"],
    ["After weighing both, [[B]]", "B"],
    ["The better answer is A.", "A"],
    ["胜者：平局", "tie"],
  ])("%j → %s", (text, winner) => {
    expect(parsePairwise(text)).toEqual({ ok: true, value: winner });
  });

  test.each(["Both have merits.", '{"winner": "C"}', "A or B, hard to say"])("unreadable %j is an error", (text) => {
    expect(parsePairwise(text).ok).toBe(false);
  });
});
