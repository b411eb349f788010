import { describe, expect, test } from "vitest";
import { scoreBenchmarkItem } from "./item-score";

const mcqInput = { question: "人体最大的腺体是", options: { A: "肝", B: "肝脏", C: "肾上腺", D: "甲状腺" } };
const nerTypes = [
  { id: "disease", label: "疾病" },
  { id: "symptom", label: "症状" },
];
const nerGold = { entities: [{ text: "糖尿病", type: "disease", offset: 3 }, { text: "头痛", type: "symptom" }] };
const roundTrips = (v: unknown) => expect(JSON.parse(JSON.stringify(v))).toEqual(v);

describe("scoreBenchmarkItem mcq", () => {
  const score = (answer: string | null, logprobLetter?: string | null) =>
    scoreBenchmarkItem("mcq", { input: mcqInput, gold: { answer: "B" }, answer, logprobLetter, config: {} });

  test("scores a parsed letter", () => {
    const s = score("答案：B");
    expect(s).toEqual({ outcome: "scored", parsed: { letter: "B", rule: "cue" }, scores: { correct: 1 } });
    roundTrips(s);
    expect(score("C. 肾上腺").scores).toEqual({ correct: 0 });
  });

  test("unparsed and missing answers are wrong", () => {
    expect(score("A或B")).toEqual({ outcome: "unparsed", parsed: { letter: null, rule: "unparsed" }, scores: { correct: 0 } });
    expect(score(null)).toEqual({ outcome: "unparsed", parsed: { letter: null, rule: "unparsed" }, scores: { correct: 0 } });
  });

  test("a valid logprob letter wins over the text", () => {
    expect(score("答案：B", "C")).toEqual({ outcome: "scored", parsed: { letter: "C", rule: "logprob" }, scores: { correct: 0 } });
    expect(score("答案：B", "constructor").parsed).toEqual({ letter: "B", rule: "cue" });
    expect(score("答案：B", "E").parsed).toEqual({ letter: "B", rule: "cue" });
  });
});

describe("scoreBenchmarkItem ner", () => {
  const score = (answer: string | null) => scoreBenchmarkItem("ner", { input: { text: "患者有糖尿病，头痛" }, gold: nerGold, answer, config: { nerTypes } });

  test("counts exact pairs overall and per type", () => {
    // pred {糖尿病/disease, 发热/symptom} vs gold {糖尿病/disease, 头痛/symptom}: tp 1, fp 1 (发热), fn 1 (头痛).
    const s = score("糖尿病\t疾病\n发热\t症状");
    expect(s).toEqual({
      outcome: "scored",
      parsed: { entities: [{ text: "糖尿病", type: "disease" }, { text: "发热", type: "symptom" }], unparsedLines: 0 },
      scores: { tp: 1, fp: 1, fn: 1, "type:disease": [1, 0, 0], "type:symptom": [0, 1, 1] },
    });
    roundTrips(s);
  });

  test("'无' is a scored empty answer; gibberish or null is unparsed", () => {
    expect(score("无")).toMatchObject({ outcome: "scored", scores: { tp: 0, fp: 0, fn: 2 } });
    expect(score("我无法回答这个问题")).toMatchObject({ outcome: "unparsed", scores: { tp: 0, fp: 0, fn: 2 } });
    expect(score(null)).toMatchObject({ outcome: "unparsed", scores: { fn: 2 } });
  });

  test("an answer with at least one entity is scored even when other lines are unreadable", () => {
    // 糖尿病/disease matches gold; the second line is one unparsed line, not a reason to drop the entity.
    const s = score("糖尿病\t疾病\n我无法回答这个问题");
    expect(s).toMatchObject({ outcome: "scored", parsed: { unparsedLines: 1 }, scores: { tp: 1, fp: 0, fn: 1 } });
  });

  test("needs the type labels", () => {
    expect(() => scoreBenchmarkItem("ner", { input: { text: "x" }, gold: nerGold, answer: "无", config: {} })).toThrow(/nerTypes/);
  });
});

describe("scoreBenchmarkItem generation", () => {
  const gold = { references: ["我有一点头痛", "头痛"] };

  test("open_qa: ROUGE F1 and BLEU sufficient statistics on characters", () => {
    // vs 我有一点头痛: R1 = RL = 10/11, R2 = 2/3 (see rouge.test.ts); vs 头痛: R1 P 2/5 R 1 → 4/7, lower.
    // BLEU stats: best ref counts per n-gram are the same as with 我有一点头痛 alone; closest length to 5 is 6.
    const s = scoreBenchmarkItem("open_qa", { input: { question: "头痛怎么办" }, gold, answer: "我有点头痛", config: {} });
    expect(s.outcome).toBe("scored");
    expect(s.parsed).toEqual({ tokens: 5, tokenizer: "char" });
    expect(s.scores.rouge1).toBeCloseTo(10 / 11, 12);
    expect(s.scores.rouge2).toBeCloseTo(2 / 3, 12);
    expect(s.scores.rougeL).toBeCloseTo(10 / 11, 12);
    expect(s.scores).toMatchObject({ bleuMatches: [5, 3, 1, 0], bleuTotals: [5, 4, 3, 2], hypLen: 5, refLen: 6 });
    roundTrips(s);
  });

  test("dialogue: a missing answer is the empty hypothesis, unparsed", () => {
    const input = { history: [{ role: "user", content: "医生，我头痛" }] };
    const s = scoreBenchmarkItem("dialogue", { input, gold, answer: null, config: { tokenizer: "char" } });
    // Empty hypothesis: NLTK's denominators floor at 1; closest reference length to 0 is 2 (头痛).
    expect(s).toEqual({
      outcome: "unparsed",
      parsed: { tokens: 0, tokenizer: "char" },
      scores: { rouge1: 0, rouge2: 0, rougeL: 0, bleuMatches: [0, 0, 0, 0], bleuTotals: [1, 1, 1, 1], hypLen: 0, refLen: 2 },
    });
  });

  test("a blank answer is the empty hypothesis, unparsed", () => {
    for (const answer of ["", "  \n\t "]) {
      const s = scoreBenchmarkItem("open_qa", { input: { question: "头痛怎么办" }, gold, answer, config: {} });
      expect(s.outcome).toBe("unparsed");
      expect(s.parsed).toEqual({ tokens: 0, tokenizer: "char" });
      expect(s.scores).toMatchObject({ rougeL: 0, bleuMatches: [0, 0, 0, 0], hypLen: 0, refLen: 2 });
    }
  });

  test("jieba is refused until registered", () => {
    expect(() =>
      scoreBenchmarkItem("open_qa", { input: { question: "q" }, gold, answer: "头痛", config: { tokenizer: "jieba" } }),
    ).toThrow("jieba tokeniser not available");
  });
});
