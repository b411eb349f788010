import { describe, expect, test } from "vitest";
import { parseMcqAnswer, pickLetterFromLogprobs, toHalfWidth } from "./mcq-answer";

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
    ["B。\n", "B", "bare"],
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
    // A lowercase letter needs no following punctuation when it is bracketed on both sides …
    ["The answer is (c) because of its location", "C", "cue"],
    // … while an opening bracket alone is prose ("(a little …)"), not an option, so the option text decides.
    ["The answer is (a little surprisingly) 甲状腺", "D", "option-text"],
    // … and so does a closing bracket alone, as in a list "a) … b) …".
    ["The answer is b) adrenal", "B", "cue"],
    ["答案：b）肾上腺", "B", "cue"],
    ["Answer: c) the thyroid", "C", "cue"],
    // Space between the letter and the punctuation after it is allowed.
    ["答案是 c 。", "C", "cue"],
    ["A、B、C选项都不对，答案是D", "D", "cue"],
    ["A.肝 B.肝脏 C.肾上腺 D.甲状腺\n答案：B", "B", "cue"],
    ["B. 肝脏", "B", "leading"],
    ["B、肝脏是人体最大的腺体", "B", "leading"],
    ["(B) 肝脏", "B", "leading"],
    ["B：肝脏", "B", "leading"],
    ["c) 肾上腺", "C", "leading"],
    ["B\n解析：肝脏是最大的腺体", "B", "leading"],
    ["D\n\nExplanation: the thyroid...", "D", "leading"],
    ["\nB. 最大的腺体", "B", "leading"],
    ["B 最大的腺体", "B", "leading"],
    ["B  —— 人体最大的腺体", "B", "leading"],
    // U+3000 (ideographic space) separates like a space.
    ["B　最大的腺体", "B", "leading"],
    ["B. 肝脏\n选项A错误", "B", "leading"],
    ["B. 肝脏。A选项正确的说法应为……", "B", "leading"],
    ["B超显示肝脏增大，选项B正确", "B", "weak-cue"],
    ["B项正确", "B", "weak-cue"],
    ["我认为选项D最合适", "D", "weak-cue"],
    ["甲状腺", "D", "option-text"],
    ["应该是肾上腺。", "C", "option-text"],
    // 肝 occurs only inside 肝脏, so it is not a second match.
    ["最大的腺体是肝脏", "B", "option-text"],
    // Every 肝 here lies inside a 肝脏.
    ["是肝脏。肝脏是人体最大的腺体", "B", "option-text"],
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
    // B超 (ultrasound) is a word, not a leading letter, even when punctuation or a line break follows later.
    ["B超检查：胆囊结石"],
    ["B超提示胆囊结石\n建议手术"],
    // A capital letter inside the text is not a leading letter.
    ["患者缺乏维生素B，表现为乏力"],
    ["A patient presents with fever"],
    // Two strong cues naming different letters are unparsed even when the answer also starts with a letter.
    ["A. 肝\n答案：A\n最终答案：B"],
    // Two option texts named in different places: neither is inside the other, so neither wins.
    ["不是肝，是甲状腺"],
    ["甲状腺和肝"],
    // 肝 occurs inside 肝脏 but also on its own, so it still competes with 肝脏.
    ["答案是肝，不是肝脏"],
    ["我不知道"],
  ])("%j is unparsed", (text) => {
    expect(parseMcqAnswer(text, options)).toEqual({ letter: null, rule: "unparsed" });
  });

  test("only option letters count", () => {
    expect(parseMcqAnswer("C", { A: "是", B: "否" })).toEqual({ letter: null, rule: "unparsed" });
    expect(parseMcqAnswer("E", { ...options, E: "胰腺" })).toEqual({ letter: "E", rule: "bare" });
  });

  test("only keys that are one capital letter are options", () => {
    for (const key of ["1", "AB"]) {
      expect(parseMcqAnswer("胰腺", { A: "肝", B: "肝脏", [key]: "胰腺" }), key).toEqual({ letter: null, rule: "unparsed" });
    }
    expect(parseMcqAnswer("肝脏", { "1": "肝", "2": "肝脏" })).toEqual({ letter: null, rule: "unparsed" });
  });

  test("matches option text regardless of spacing, and an option that ends a longer one does not compete with it", () => {
    const diabetes = { A: "1 型糖尿病", B: "2 型糖尿病", C: "糖尿病", D: "妊娠糖尿病" };
    for (const [text, letter] of [
      ["2型糖尿病", "B"],
      ["最可能的诊断是妊娠 糖尿病", "D"],
      ["糖尿病", "C"],
    ]) {
      expect(parseMcqAnswer(text, diabetes), text).toEqual({ letter, rule: "option-text" });
    }
  });

  test("an empty option text matches nothing", () => {
    expect(parseMcqAnswer("甲状腺", { ...options, E: "" })).toEqual({ letter: "D", rule: "option-text" });
    expect(parseMcqAnswer("甲状腺", { ...options, E: "  " })).toEqual({ letter: "D", rule: "option-text" });
  });

  test("two options with the same text are both named, so neither decides against a third", () => {
    expect(parseMcqAnswer("甲状腺，不是肝", { A: "肝", B: "肝", C: "肾上腺", D: "甲状腺" })).toEqual({ letter: null, rule: "unparsed" });
  });
});

describe("pickLetterFromLogprobs", () => {
  const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });

  test("sums variants of a letter and ignores non-options", () => {
    // A: 0.4; B: " B" 0.25 + "Ｂ" 0.2 = 0.45; "E" is no option; "b" is lowercase.
    expect(pickLetterFromLogprobs([lp("A", 0.4), lp(" B", 0.25), lp("Ｂ", 0.2), lp("E", 0.9), lp("b", 0.5)], ["A", "B", "C", "D"])).toBe("B");
  });

  test("keeps the leader when a smaller mass follows", () => {
    expect(pickLetterFromLogprobs([lp("A", 0.6), lp("B", 0.3)], ["A", "B"])).toBe("A");
  });

  test("returns null without an option letter or on a tie", () => {
    expect(pickLetterFromLogprobs([lp("答", 0.9), lp("The", 0.1)], ["A", "B"])).toBeNull();
    expect(pickLetterFromLogprobs([lp("A", 0.5), lp("B", 0.5)], ["A", "B"])).toBeNull();
    expect(pickLetterFromLogprobs([], ["A"])).toBeNull();
  });
});

describe("toHalfWidth", () => {
  test("maps full-width ASCII and the ideographic space to their half-width forms", () => {
    expect(toHalfWidth("答案：（Ｂ）　ｏｋ")).toBe("答案:(B) ok");
  });
});
