import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { agreementOptions, parseScalesFile } from "../suites/scales";
import { findLabelMatches, labelDictionary, normaliseLabel } from "./likert-labels";

const [cami, mica] = parseScalesFile(JSON.parse(readFileSync("data/scales/scales.json", "utf8")));
const camiDict = labelDictionary(["完全不同意", "不同意", "中立", "同意", "完全同意"], [1, 2, 3, 4, 5], agreementOptions(cami));

describe("normaliseLabel", () => {
  it("folds width and case, trims and collapses every whitespace run to one space", () => {
    for (const [input, expected] of [
      ["  Strongly\u3000 AGREE\n", "strongly agree"],
      ["Ｓｔｒｏｎｇｌｙ  agree", "strongly agree"],
      [" 完全同意 ", "完全同意"],
    ]) {
      expect(normaliseLabel(input), input).toBe(expected);
    }
  });
});

describe("labelDictionary", () => {
  it("maps a known label that is not an option of the scale to no value", () => {
    // MICA-4 has no middle option; its somewhat agree is a = 4.
    const dict = labelDictionary(["完全同意", "同意", "稍微同意", "稍微不同意", "不同意", "完全不同意"], [6, 5, 4, 3, 2, 1], agreementOptions(mica));
    expect(dict.get("中立")).toEqual([]);
    expect(dict.get("neither agree nor disagree")).toEqual([]);
    expect(dict.get("稍微同意")).toEqual([4]);
    expect(dict.get("slightly agree")).toEqual([4]);
  });

  it("adds the option texts of both languages, also those no built-in synonym lists", () => {
    const options = [
      { value: 1, zh: "很不赞成", en: "strongly oppose" },
      { value: 2, zh: "赞成", en: "support" },
    ];
    const dict = labelDictionary(["strongly oppose", "support"], [1, 2], options);
    expect(dict.get("很不赞成")).toEqual([1]);
    expect(dict.get("赞成")).toEqual([2]);
  });
});

describe("findLabelMatches", () => {
  it("tags each match with its language, Chinese matches first", () => {
    expect(findLabelMatches("Agree. 我同意", camiDict)).toEqual([
      { text: "同意", values: [4], lang: "zh" },
      { text: "agree", values: [4], lang: "en" },
    ]);
  });

  it("reads the longest label at a position whatever order the dictionary lists them in", () => {
    // The shorter label first, as a scale's own texts (同意 … 同意但有保留, agree … agree strongly) would come.
    const dict = new Map([
      ["同意", [4]],
      ["同意但有保留", [3]],
      ["agree", [4]],
      ["agree strongly", [5]],
    ]);
    expect(findLabelMatches("同意但有保留", dict)).toEqual([{ text: "同意但有保留", values: [3], lang: "zh" }]);
    expect(findLabelMatches("I agree strongly.", dict)).toEqual([{ text: "agree strongly", values: [5], lang: "en" }]);
  });

  it("finds no English label with a dictionary of Chinese labels only", () => {
    expect(findLabelMatches("I agree, D", new Map([["同意", [4]]]))).toEqual([]);
  });
});
