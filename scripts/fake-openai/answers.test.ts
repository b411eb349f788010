import { describe, expect, it } from "vitest";
import { answerSeed, fakeAnswer, fakeLikertChoice, fakeMcqChoice, fakeNerEntities } from "./answers";
import { likertMessages, mcqMessages, nerMessages, openMessages } from "./test-prompts";
import { countTokens, tokenize } from "./text-utils";

const N = 2000;

describe("fakeAnswer", () => {
  it("is a pure function of the messages and the seed", () => {
    for (const build of [mcqMessages, likertMessages, nerMessages, openMessages]) {
      for (let i = 0; i < 50; i++) expect(fakeAnswer(build(i), 7)).toEqual(fakeAnswer(build(i), 7));
      const texts = new Set(Array.from({ length: 20 }, (_, s) => fakeAnswer(build(3), s).text));
      expect(texts.size).toBeGreaterThan(1);
    }
  });

  it("answers multiple choice with every letter, every format and about 5% unparseable text", () => {
    const letters = new Map<string | null, number>();
    const shapes = new Set<string>();
    for (let i = 0; i < N; i++) {
      const choice = fakeMcqChoice(mcqMessages(i), 1);
      expect(choice).not.toBeNull();
      if (!choice) continue;
      expect(fakeAnswer(mcqMessages(i), 1)).toMatchObject({ kind: "mcq", text: choice.text });
      letters.set(choice.letter, (letters.get(choice.letter) ?? 0) + 1);
      if (choice.letter === null) expect(choice.text).not.toMatch(/[A-Z]/);
      else expect(choice.text).toContain(choice.letter);
      shapes.add(choice.text.replace(/[A-E]/g, "X").replace(/X\. .*/, "X. …"));
      expect(choice.letterLogprobs[0].token).toBe(choice.intended);
      const mass = choice.letterLogprobs.reduce((s, t) => s + Math.exp(t.logprob), 0);
      expect(mass).toBeCloseTo(1, 6);
    }
    for (const l of ["A", "B", "C", "D", "E"]) expect(letters.get(l) ?? 0).toBeGreaterThan(N * 0.15);
    expect(letters.get(null) ?? 0).toBeGreaterThan(N * 0.02);
    expect(letters.get(null) ?? 0).toBeLessThan(N * 0.09);
    for (const s of ["X", "答案：X", "（X）", "选X。因为……", "正确答案是 X. …", "The answer is (X)"]) expect(shapes).toContain(s);
  });

  it("picks a Likert option from the prompt, refusing about 5% of the time", () => {
    let refusals = 0;
    for (let i = 0; i < N; i++) {
      const choice = fakeLikertChoice(likertMessages(i), 1);
      expect(choice?.options.map((o) => o.label)).toEqual(["完全不同意", "不同意", "同意", "完全同意"]);
      if (choice?.index === null) refusals++;
      else expect(choice?.text).toMatch(/[A-D]|同意/);
    }
    expect(refusals).toBeGreaterThan(N * 0.02);
    expect(refusals).toBeLessThan(N * 0.09);
    const consent = "以下哪项符合知情同意原则？\nA. 患者同意\nB. 家属不同意\nC. 医生决定\nD. 以上都对";
    expect(fakeAnswer([{ role: "user", content: consent }], 1).kind).toBe("mcq");
    const english = [{ role: "user" as const, content: "Do you agree? Answer strongly disagree, disagree, agree or strongly agree." }];
    expect(fakeLikertChoice(english, 1)?.options[3].label).toBe("Strongly agree");
  });

  it("echoes substrings of the text as entities typed with the prompt's labels", () => {
    for (let i = 0; i < 200; i++) {
      const messages = nerMessages(i);
      const entities = fakeNerEntities(messages, 3) ?? [];
      expect(entities.length).toBeGreaterThan(0);
      const text = fakeAnswer(messages, 3).text;
      expect(text.split("\n")).toEqual(entities.map((e) => `${e.text}\t${e.type}`));
      for (const e of entities) {
        expect(messages[0].content.split("文本：")[1]).toContain(e.text);
        expect(["疾病", "症状", "药物"]).toContain(e.type);
      }
    }
  });

  it("builds free-text answers from the prompt's own clauses", () => {
    const { kind, text } = fakeAnswer(openMessages(5), 1);
    expect(kind).toBe("free");
    const shared = [...text].filter((ch) => openMessages(5)[0].content.includes(ch));
    expect(shared.length).toBeGreaterThan(5);
  });

  it("varies sampled answers by request seed or running count, never greedy ones", () => {
    expect(answerSeed(9, {}, 3)).toBe(9);
    expect(answerSeed(9, { temperature: 0, seed: 5 }, 3)).toBe(9);
    expect(answerSeed(9, { temperature: 0.7, seed: 5 }, 3)).toBe(answerSeed(9, { temperature: 1, seed: 5 }, 8));
    expect(answerSeed(9, { temperature: 0.7 }, 3)).not.toBe(answerSeed(9, { temperature: 0.7 }, 4));
  });
});

describe("countTokens", () => {
  it("agrees with tokenize without allocating", () => {
    const samples = ["", "abc", "abcdefghij 12345", "患者  男，45岁\n\tA. 胃溃疡", "😀 emoji 𠀀x", "a\u3000b\u00a0c"];
    for (const s of samples) expect(countTokens(s)).toBe(tokenize(s).length);
    expect(tokenize("患者 abcdefg").join("")).toBe("患者 abcdefg");
  });
});
