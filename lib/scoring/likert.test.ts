import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildScaleAdministration } from "../suites/prompts/scale";
import { agreementOptions, parseScalesFile } from "../suites/scales";
import { likertFromLogprobs, parseLikert, type ScalePresentation } from "./likert";

const [cami, mica] = parseScalesFile(JSON.parse(readFileSync("data/scales/scales.json", "utf8")));
const camiOpts = agreementOptions(cami);
const micaOpts = agreementOptions(mica);
const camiZh = ["完全不同意", "不同意", "中立", "同意", "完全同意"];
const camiLetters: ScalePresentation = { labels: ["A", "B", "C", "D", "E"], values: [1, 2, 3, 4, 5], texts: camiZh };
// MICA-4 as the paper shows it: A = strongly agree (a = 6) … F = strongly disagree (a = 1).
const micaLetters: ScalePresentation = {
  labels: ["A", "B", "C", "D", "E", "F"],
  values: [6, 5, 4, 3, 2, 1],
  texts: ["完全同意", "同意", "稍微同意", "稍微不同意", "不同意", "完全不同意"],
};
const cami$ = (t: string, p = camiLetters) => parseLikert(t, p, camiOpts);
const mica$ = (t: string, p = micaLetters) => parseLikert(t, p, micaOpts);

describe("parseLikert: letters", () => {
  it("reads a bare or decorated letter", () => {
    expect(cami$("D")).toEqual({ outcome: "parsed", value: 4, rule: "letter", position: 3 });
    expect(cami$("答案：B。")).toMatchObject({ outcome: "parsed", value: 2, rule: "letter" });
    expect(cami$("我选择E.完全同意")).toMatchObject({ outcome: "parsed", value: 5, rule: "letter" });
    expect(cami$("Ｃ")).toMatchObject({ outcome: "parsed", value: 3 });
    expect(cami$(" d ")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(cami$("d.")).toMatchObject({ outcome: "parsed", value: 4 });
  });

  it("maps MICA-4 letters to agreement values (A = 6)", () => {
    expect(mica$("A")).toMatchObject({ outcome: "parsed", value: 6 });
    expect(mica$("F")).toMatchObject({ outcome: "parsed", value: 1 });
  });

  it("uses the letters as shown in this administration", () => {
    const shuffled: ScalePresentation = { labels: ["A", "B", "C", "D", "E"], values: [5, 3, 1, 4, 2], texts: ["完全同意", "中立", "完全不同意", "同意", "不同意"] };
    expect(cami$("B", shuffled)).toMatchObject({ outcome: "parsed", value: 3, position: 1 });
    expect(cami$("A.完全同意", shuffled)).toMatchObject({ outcome: "parsed", value: 5 });
    // The model answering with the published order's text for letter A contradicts what A was here.
    expect(cami$("A.完全不同意", shuffled)).toEqual({ outcome: "unparsed" });
  });

  it("does not read AI, English articles or a letter in a word as options", () => {
    expect(cami$("A person with this view is rare")).toEqual({ outcome: "unparsed" });
    expect(cami$("CAMI")).toEqual({ outcome: "unparsed" });
  });

  it("gives unparsed for two different options", () => {
    expect(cami$("B或者D")).toEqual({ outcome: "unparsed" });
    expect(cami$("D. 同意。但也可以说不同意")).toEqual({ outcome: "unparsed" });
    expect(cami$("A.完全不同意、B.不同意、C.中立、D.同意、E.完全同意")).toEqual({ outcome: "unparsed" });
  });
});

describe("parseLikert: digits", () => {
  const digits: ScalePresentation = { ...camiLetters, labels: ["1", "2", "3", "4", "5"] };
  it("reads a digit label and ignores numbers", () => {
    expect(cami$("4", digits)).toEqual({ outcome: "parsed", value: 4, rule: "digit", position: 3 });
    expect(cami$("我选 2. 不同意", digits)).toMatchObject({ outcome: "parsed", value: 2, rule: "digit" });
    expect(cami$("100%", digits)).toEqual({ outcome: "unparsed" });
    expect(cami$("1.5", digits)).toEqual({ outcome: "unparsed" });
    // .4 is the number 0.4, even though it is a lone 4 once the dot is stripped.
    expect(cami$(".4", digits)).toEqual({ outcome: "unparsed" });
  });
});

describe("parseLikert: label texts", () => {
  it("avoids the substring traps 完全不同意 ⊃ 不同意 ⊃ 同意", () => {
    expect(cami$("完全不同意")).toEqual({ outcome: "parsed", value: 1, rule: "label_zh", position: 0 });
    expect(cami$("我不同意这个说法")).toMatchObject({ outcome: "parsed", value: 2, rule: "label_zh" });
    expect(cami$("同意")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(cami$("非常同意")).toMatchObject({ outcome: "parsed", value: 5 });
    expect(cami$("中立")).toMatchObject({ outcome: "parsed", value: 3 });
    expect(mica$("稍微同意")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(mica$("稍微不同意")).toMatchObject({ outcome: "parsed", value: 3 });
    expect(mica$("完全同意")).toMatchObject({ outcome: "parsed", value: 6 });
  });

  it("ignores negated or echoed labels and labels the scale does not offer", () => {
    expect(cami$("不完全同意")).toEqual({ outcome: "unparsed" });
    expect(cami$("你是否同意？我同意。")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(mica$("中立")).toEqual({ outcome: "unparsed" });
    expect(cami$("稍微同意")).toEqual({ outcome: "unparsed" });
  });

  it("reads English labels, disagree not read as agree", () => {
    expect(cami$("I strongly disagree.")).toEqual({ outcome: "parsed", value: 1, rule: "label_en", position: 0 });
    expect(cami$("Disagree")).toMatchObject({ outcome: "parsed", value: 2, rule: "label_en" });
    expect(cami$("agree")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(mica$("somewhat disagree")).toMatchObject({ outcome: "parsed", value: 3 });
    expect(cami$("I do not agree")).toEqual({ outcome: "unparsed" });
    expect(cami$("agree and disagree")).toEqual({ outcome: "unparsed" });
  });

  it("ignores an English label negated directly or across one or two words, but not by an earlier clause", () => {
    for (const [answer, expected] of [
      ["I would not agree.", { outcome: "unparsed" }],
      ["I would never agree with that.", { outcome: "unparsed" }],
      ["I do not really agree.", { outcome: "unparsed" }],
      ["I don't fully agree.", { outcome: "unparsed" }],
      ["I can’t agree.", { outcome: "unparsed" }],
      ["I am not sure whether I agree.", { outcome: "unparsed" }],
      ["I cannot necessarily agree with this.", { outcome: "unparsed" }],
      ["I cannot agree with this statement.", { outcome: "unparsed" }],
      ["I do not wholeheartedly agree.", { outcome: "unparsed" }],
      ["I don't think I agree.", { outcome: "unparsed" }],
      // Three words away the negation belongs to another verb.
      ["It is not only that I agree.", { outcome: "parsed", value: 4, rule: "label_en", position: 3 }],
      ["I'm not sure, but I agree.", { outcome: "parsed", value: 4, rule: "label_en", position: 3 }],
    ] as const) {
      expect(cami$(answer), answer).toEqual(expected);
    }
  });

  it("reads a label broken over lines or spaced out as the whole label", () => {
    expect(cami$("I strongly\n  agree.")).toEqual({ outcome: "parsed", value: 5, rule: "label_en", position: 4 });
  });

  it("reads a bilingual answer naming one option as that option, by its Chinese label", () => {
    expect(cami$("同意（Agree）")).toEqual({ outcome: "parsed", value: 4, rule: "label_zh", position: 3 });
  });

  it("reads a Chinese answer to an English administration by the scale's Chinese option texts", () => {
    const camiEn: ScalePresentation = { ...camiLetters, texts: camiOpts.map((o) => o.en) };
    expect(cami$("我同意这个说法。", camiEn)).toEqual({ outcome: "parsed", value: 4, rule: "label_zh", position: 3 });
    // A 7-point scale whose 比较同意 is no built-in synonym: its own option text must win over the 同意 in it.
    const seven = [
      { value: 1, zh: "非常不同意", en: "strongly disagree" },
      { value: 2, zh: "不同意", en: "disagree" },
      { value: 3, zh: "比较不同意", en: "somewhat disagree" },
      { value: 4, zh: "中立", en: "neutral" },
      { value: 5, zh: "比较同意", en: "somewhat agree" },
      { value: 6, zh: "同意", en: "agree" },
      { value: 7, zh: "非常同意", en: "strongly agree" },
    ];
    const sevenEn: ScalePresentation = { labels: ["1", "2", "3", "4", "5", "6", "7"], values: [1, 2, 3, 4, 5, 6, 7], texts: seven.map((o) => o.en) };
    expect(parseLikert("比较同意", sevenEn, seven)).toEqual({ outcome: "parsed", value: 5, rule: "label_zh", position: 4 });
  });

  it("reads option texts used as labels as texts, even when they are capitalised", () => {
    const texts = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];
    const titled: ScalePresentation = { labels: texts, values: [1, 2, 3, 4, 5], texts };
    expect(cami$("Agree", titled)).toEqual({ outcome: "parsed", value: 4, rule: "label_en", position: 3 });
  });

  it("keeps MICA-4's verbatim typo ambiguous unless a letter settles it", () => {
    const verbatim = { ...micaLetters, texts: ["完全不同意", ...micaLetters.texts.slice(1)] };
    expect(mica$("完全不同意", verbatim)).toEqual({ outcome: "unparsed" });
    expect(mica$("A.完全不同意", verbatim)).toMatchObject({ outcome: "parsed", value: 6 });
    expect(mica$("F", verbatim)).toMatchObject({ outcome: "parsed", value: 1 });
  });
});

describe("parseLikert: refusals", () => {
  it("marks refusals without an option as refused, never neutral", () => {
    expect(cami$("作为一个AI，我没有个人观点。")).toEqual({ outcome: "refused" });
    expect(cami$("作为人工智能，我没有个人观点")).toEqual({ outcome: "refused" });
    expect(cami$("I don't have personal opinions.")).toEqual({ outcome: "refused" });
    expect(cami$("As an AI language model, I cannot choose.")).toEqual({ outcome: "refused" });
    expect(cami$("这个问题很复杂。")).toEqual({ outcome: "unparsed" });
  });

  it("parses a refusal that still picks an option", () => {
    expect(cami$("作为一个AI，我没有个人观点，但从医学角度我选择D")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(cami$("作为一个人工智能，我没有个人观点，但我同意这一说法。")).toMatchObject({ outcome: "parsed", value: 4, rule: "label_zh" });
    expect(cami$("As an AI, I don't have personal opinions, but I would say I agree.")).toMatchObject({ outcome: "parsed", value: 4 });
    expect(cami$("As an AI I cannot choose, but I would pick D.")).toMatchObject({ outcome: "parsed", value: 4 });
    // The declined clause 不能回答 is cut out; 非 before it must not come to negate the 同意 after the comma.
    expect(cami$("作为一个AI，我并非不能回答，同意这一说法。")).toEqual({ outcome: "parsed", value: 4, rule: "label_zh", position: 3 });
  });

  // Answers seen in real model output that name options only to decline them.
  it("counts a refusal that names options only to decline them as refused, not unparsed", () => {
    expect(cami$("作为一个人工智能，我没有个人观点，无法表达同意或不同意。")).toEqual({ outcome: "refused" });
    expect(cami$("作为一个AI语言模型，我没有个人情感和偏好，不能选择“同意”或“不同意”。")).toEqual({ outcome: "refused" });
    expect(cami$("作为AI助手，我不具备个人立场，因此无法在A、B、C、D、E中做出选择。")).toEqual({ outcome: "refused" });
    expect(mica$("作为一个人工智能，我没有自己的看法，无法判断完全同意还是完全不同意。")).toEqual({ outcome: "refused" });
    expect(cami$("As an AI language model, I do not have personal opinions, so I cannot agree or disagree with this statement.")).toEqual({ outcome: "refused" });
    expect(cami$("I don't have personal views and can't say whether I strongly agree or strongly disagree.")).toEqual({ outcome: "refused" });
    expect(cami$("As an AI, I am unable to choose between A, B, C, D or E.")).toEqual({ outcome: "refused" });
  });

  it("still reads two named options without a refusal as unparsed", () => {
    expect(cami$("无法表达同意或不同意。")).toEqual({ outcome: "unparsed" });
    expect(cami$("I cannot agree or disagree.")).toEqual({ outcome: "unparsed" });
  });
});

describe("parseLikert with built administrations", () => {
  it("scores a shuffled administration by what was shown", () => {
    const out = buildScaleAdministration({ scale: mica, item: mica.items[0], instruction: "paper", order: "shuffled", labels: "letters", seed: 3, sample: 4 });
    if ("error" in out) throw new Error(out.error);
    const pos = out.presentation.values.indexOf(6);
    expect(mica$(out.presentation.labels[pos], out.presentation)).toMatchObject({ outcome: "parsed", value: 6, position: pos });
    const zh = buildScaleAdministration({ scale: cami, item: cami.items[0], instruction: "paper", order: "shuffled", labels: "zh", seed: 3, sample: 4 });
    if ("error" in zh) throw new Error(zh.error);
    expect(cami$("完全同意", zh.presentation)).toMatchObject({ outcome: "parsed", value: 5, rule: "label_zh" });
  });
});

describe("likertFromLogprobs", () => {
  it("normalises over option labels", () => {
    // Mass: D = 0.5 + 0.1 = 0.6, E = 0.2, C = 0.1 → coverage 0.9; p = C 1/9, D 6/9, E 2/9.
    // Expected = (3·1 + 4·6 + 5·2) / 9 = 37/9.
    const out = likertFromLogprobs(
      [
        { token: " D", logprob: Math.log(0.5) },
        { token: "D", logprob: Math.log(0.1) },
        { token: "E", logprob: Math.log(0.2) },
        { token: "C", logprob: Math.log(0.1) },
        { token: "我", logprob: Math.log(0.1) },
      ],
      camiLetters,
    );
    expect(out?.coverage).toBeCloseTo(0.9);
    out?.probs.forEach((p, i) => expect(p).toBeCloseTo([0, 0, 1 / 9, 6 / 9, 2 / 9][i]));
    expect(out?.argmax).toBe(4);
    expect(out?.position).toBe(3);
    expect(out?.expected).toBeCloseTo(37 / 9);
  });

  it("maps MICA-4 letters to agreement values and returns null without label tokens", () => {
    // A = 6 with p 0.75, F = 1 with p 0.25: expected 0.75·6 + 0.25·1 = 4.75.
    const out = likertFromLogprobs([{ token: "A", logprob: Math.log(0.3) }, { token: "F", logprob: Math.log(0.1) }], micaLetters);
    expect(out?.argmax).toBe(6);
    expect(out?.expected).toBeCloseTo(4.75);
    expect(likertFromLogprobs([{ token: "我", logprob: 0 }], micaLetters)).toBeNull();
    expect(likertFromLogprobs([{ token: "完", logprob: 0 }], { ...camiLetters, labels: camiZh })).toBeNull();
    // Even when a tokenizer has the whole label 同意 as one token.
    expect(likertFromLogprobs([{ token: "同意", logprob: Math.log(0.9) }], { ...camiLetters, labels: camiZh })).toBeNull();
  });

  it("strips a mark after the label but reads .5 as a number, not option 5", () => {
    // D. gets 0.6 and Ｅ． (NFKC E.) 0.2: p = 0.75 / 0.25, expected 0.75·4 + 0.25·5 = 4.25.
    const marked = likertFromLogprobs([{ token: "D.", logprob: Math.log(0.6) }, { token: "Ｅ．", logprob: Math.log(0.2) }], camiLetters);
    expect(marked?.coverage).toBeCloseTo(0.8);
    expect(marked?.argmax).toBe(4);
    expect(marked?.expected).toBeCloseTo(4.25);
    const digits: ScalePresentation = { ...camiLetters, labels: ["1", "2", "3", "4", "5"] };
    // Only 4 counts: p(4) = 1.
    const decimal = likertFromLogprobs([{ token: ".5", logprob: Math.log(0.5) }, { token: "4", logprob: Math.log(0.2) }], digits);
    expect(decimal?.coverage).toBeCloseTo(0.2);
    expect(decimal?.probs).toEqual([0, 0, 0, 1, 0]);
  });

  it("skips a label token whose logprob is not a finite number", () => {
    const out = likertFromLogprobs([{ token: "A", logprob: Number.NaN }, { token: "B", logprob: Math.log(0.5) }], camiLetters);
    expect(out?.coverage).toBeCloseTo(0.5);
    expect(out?.probs).toEqual([0, 1, 0, 0, 0]);
    expect(out?.argmax).toBe(2);
  });

  it("breaks a tie for the most probable option towards the earlier shown position", () => {
    // A (a = 6) and F (a = 1) equally likely: argmax is A's 6; expected 0.5·6 + 0.5·1 = 3.5.
    const out = likertFromLogprobs([{ token: "F", logprob: Math.log(0.4) }, { token: "A", logprob: Math.log(0.4) }], micaLetters);
    expect(out?.argmax).toBe(6);
    expect(out?.position).toBe(0);
    expect(out?.expected).toBeCloseTo(3.5);
  });
});
