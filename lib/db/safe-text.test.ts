import { describe, expect, it } from "vitest";
import { NUL_STANDIN, REPLACEMENT, safeJsonText, safeText, safeValue } from "./safe-text";

describe("safe text", () => {
  it("replaces NUL and lone surrogates visibly and keeps everything else", () => {
    expect(safeText("答案\u0000B")).toBe(`答案${NUL_STANDIN}B`);
    expect(safeText("a\ud800b\udc00c")).toBe(`a${REPLACEMENT}b${REPLACEMENT}c`);
    expect(safeText("tail \ud83d")).toBe(`tail ${REPLACEMENT}`);
    const fine = "正常 😀 \\u0000 text";
    expect(safeText(fine)).toBe(fine);
  });

  it("cleans JSON.stringify output without touching escaped backslashes or paired surrogates", () => {
    const value = { a: "x\u0000y", b: ["\udfff", "😀"], "k\u0000": "\\u0000 literal", c: "\\\ud800" };
    const cleaned = JSON.parse(safeJsonText(JSON.stringify(value)));
    expect(cleaned).toEqual({
      a: `x${NUL_STANDIN}y`,
      b: [REPLACEMENT, "😀"],
      [`k${NUL_STANDIN}`]: "\\u0000 literal",
      c: `\\${REPLACEMENT}`,
    });
  });

  it("returns the same value when nothing needs cleaning", () => {
    const value = { input: { question: "头痛？" }, n: 3 };
    expect(safeValue(value)).toBe(value);
    expect(safeValue({ q: "\u0000" })).toEqual({ q: NUL_STANDIN });
  });
});
