import { describe, expect, it } from "vitest";
import { exactMatch, listCounts } from "./list-match";

describe("exactMatch", () => {
  it("matches any reference after width and whitespace normalisation", () => {
    expect(exactMatch(" 高血压 ", ["糖尿病", "高血压"])).toBe(1);
    expect(exactMatch("ＡＢＣ  药", ["ABC 药"])).toBe(1);
    expect(exactMatch("高血压。", ["高血压"])).toBe(0);
    // A run of whitespace counts as one space, but a space that is there still counts.
    expect(exactMatch("ABC药", ["ABC 药"])).toBe(0);
  });
});

describe("listCounts", () => {
  it("counts set overlap of delimited elements, duplicates once", () => {
    // answer {头痛, 发热, 咳嗽}, reference {头痛, 乏力}: tp 1 (头痛), fp 2, fn 1
    expect(listCounts("头痛，发热，咳嗽，头痛", "头痛，乏力", "，")).toEqual([1, 2, 1]);
    expect(listCounts("", "a;b", ";")).toEqual([0, 0, 2]);
    expect(listCounts(" a ; b ;", "b;a", ";")).toEqual([2, 0, 0]);
    // "2 型" and "2型" are different elements: tp 1 (高血压), fp 1, fn 1.
    expect(listCounts("2 型糖尿病;高血压", "2型糖尿病;高血压", ";")).toEqual([1, 1, 1]);
  });
});
