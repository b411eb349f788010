import { describe, expect, test } from "vitest";
import { parseMcqAnswer, pickLetterFromLogprobs } from "./mcq-answer";

const options = { A: "肝", B: "肝脏", C: "肾上腺", D: "甲状腺" };

describe("parseMcqAnswer", () => {
  test.each([
    ["B", "B", "bare"],
    ["b", "B", "bare"],
    ["  B。", "B", "bare"],
    ["(B)", "B", "bare"],
    ["（B）", "B", "bare"],
    ["Ｂ", "B", "bare"],
    ["【C】", "C", "bare"],
    ["**D**", "D", "bare"],
    ["答案：B", "B", "cue"],
    ["答案：Ｂ", "B", "cue"],
    ["答案是B", "B", "cue"],
    ["答案为（C）", "C", "cue"],
    ["**答案：D**\n解析：甲状腺……", "D", "cue"],
    ["选B。因为肝脏是最大的器官", "B", "cue"],
    ["正确答案是 D. 甲状腺", "D", "cue"],
    ["正确答案为选项C", "C", "cue"],
    ["根据题干分析，故选C。", "C", "cue"],
    ["The answer is (C)", "C", "cue"],
    ["The correct answer is B because the liver is largest.", "B", "cue"],
    ["Answer: c", "C", "cue"],
    ["answer: (d)", "D", "cue"],
    ["A patient with these signs... Answer: C", "C", "cue"],
    ["答案：B\n解析：选项A错误，选项C错误", "B", "cue"],
    ["A、B、C选项都不对，答案是D", "D", "cue"],
    ["A.肝 B.肝脏 C.肾上腺 D.甲状腺\n答案：B", "B", "cue"],
    ["B. 肝脏", "B", "leading"],
    ["B、肝脏是人体最大的腺体", "B", "leading"],
    ["(B) 肝脏", "B", "leading"],
    ["B：肝脏", "B", "leading"],
    ["c) 肾上腺", "C", "leading"],
    ["B\n解析：肝脏是最大的腺体", "B", "leading"],
    ["D\n\nExplanation: the thyroid...", "D", "leading"],
    ["B. 肝脏\n选项A错误", "B", "leading"],
    ["B. 肝脏。A选项正确的说法应为……", "B", "leading"],
    ["B超显示肝脏增大，选项B正确", "B", "weak-cue"],
    ["B项正确", "B", "weak-cue"],
    ["我认为选项D最合适", "D", "weak-cue"],
    ["甲状腺", "D", "option-text"],
    ["应该是肾上腺。", "C", "option-text"],
    // 肝 occurs only inside 肝脏, so it is not a second match.
    ["最大的腺体是肝脏", "B", "option-text"],
  ])("%j → %s (%s)", (text, letter, rule) => {
    expect(parseMcqAnswer(text, options)).toEqual({ letter, rule });
  });

  test.each([
    [""],
    ["   "],
    ["A或B"],
    ["A或B都可以"],
    ["答案是A或B"],
    ["答案：A、B"],
    ["答案：AB"],
    ["The answer is A or B"],
    ["B、C"],
    ["答案：B\n最终答案：C"],
    ["选项A正确，选项B也正确"],
    ["A和B正确"],
    ["E"],
    ["答案：E"],
    ["This is a classic presentation of a thyroid problem."],
    ["The answer is a matter of debate."],
    ["To answer this, consider the anatomy."],
    ["肾上腺和甲状腺都是内分泌腺"],
    ["B族维生素"],
    ["我不知道"],
  ])("%j is unparsed", (text) => {
    expect(parseMcqAnswer(text, options)).toEqual({ letter: null, rule: "unparsed" });
  });

  test("only option letters count", () => {
    expect(parseMcqAnswer("C", { A: "是", B: "否" })).toEqual({ letter: null, rule: "unparsed" });
    expect(parseMcqAnswer("E", { ...options, E: "胰腺" })).toEqual({ letter: "E", rule: "bare" });
  });
});

describe("pickLetterFromLogprobs", () => {
  const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });

  test("sums variants of a letter and ignores non-options", () => {
    // A: 0.4; B: " B" 0.25 + "Ｂ" 0.2 = 0.45; "E" is no option; "b" is lowercase.
    expect(pickLetterFromLogprobs([lp("A", 0.4), lp(" B", 0.25), lp("Ｂ", 0.2), lp("E", 0.9), lp("b", 0.5)], ["A", "B", "C", "D"])).toBe("B");
  });

  test("returns null without an option letter or on a tie", () => {
    expect(pickLetterFromLogprobs([lp("答", 0.9), lp("The", 0.1)], ["A", "B"])).toBeNull();
    expect(pickLetterFromLogprobs([lp("A", 0.5), lp("B", 0.5)], ["A", "B"])).toBeNull();
    expect(pickLetterFromLogprobs([], ["A"])).toBeNull();
  });
});
