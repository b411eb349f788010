import { describe, expect, it } from "vitest";
import { fixture, textFile, thrown } from "../__fixtures__/files";
import { importCmbClin } from "./cmb-clin";
import { importCmtMedQa } from "./cmtmedqa";
import { ImportError } from "./errors";
import { importHuatuo } from "./huatuo";

const json = (name: string, value: unknown) => textFile(name, JSON.stringify(value, null, 2));

describe("importCmbClin", () => {
  it("makes one item per question with the case as context, reading `answer` or `solution`", () => {
    const { items } = importCmbClin(fixture("cmb-clin-mixed.json"));
    expect(items.map((i) => i.externalId)).toEqual(["7/0", "7/1"]);
    expect(items[0].input).toEqual({ question: "诊断是什么？", context: "案例分析-腹外疝\n病人，男，49岁。" });
    expect(items.map((i) => i.gold.references)).toEqual([["腹股沟斜疝。"], ["手术修补。"]]);
  });

  it("names the line and field of a question without a reference", () => {
    const file = json("clin.json", [
      { id: "1", title: "t", description: "d", QA_pairs: [{ question: "q", answer: "a" }] },
      { id: "2", title: "t", description: "d", QA_pairs: [{ question: "q" }] },
    ]);
    const error = thrown(() => importCmbClin(file)) as ImportError;
    expect(error.message).toBe('clin.json line 13: field "[1].QA_pairs[0].answer": required field is missing (expected "answer" or "solution")');
  });

  it("rejects a JSON syntax error with its line, and a non-array document", () => {
    const error = thrown(() => importCmbClin(textFile("clin.json", '[\n  {"id": "1",\n  "title": }\n]'))) as ImportError;
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^clin\.json line 3: invalid JSON/);
    expect(() => importCmbClin(json("clin.json", { id: "1" }))).toThrow("clin.json: expected a JSON array of objects");
    expect(() => importCmbClin(textFile("clin.json", "  "))).toThrow("clin.json: file is empty");
  });
});

describe("importHuatuo", () => {
  it("unwraps 1-element lists and uses the index when ids are empty", () => {
    const file = json("h.json", [
      { id: "", instruction: ["问一"], input: "", output: ["答一"] },
      { id: "", instruction: "问二", input: "", output: ["答二"] },
    ]);
    const { items } = importHuatuo(file);
    expect(items).toEqual([
      { externalId: "0", split: "test", input: { question: "问一" }, gold: { references: ["答一"] } },
      { externalId: "1", split: "test", input: { question: "问二" }, gold: { references: ["答二"] } },
    ]);
  });

  it("rejects wrong types, naming the element", () => {
    const file = json("h.json", [{ id: "", instruction: ["a", "b"], output: ["x"] }, { id: "", instruction: ["a"], output: 3 }]);
    const error = thrown(() => importHuatuo(file)) as ImportError;
    expect(error.issues.map((i) => i.field)).toEqual(["[0].instruction", "[1].output"]);
  });
});

describe("importCmtMedQa", () => {
  const dialogue = {
    id: "j1",
    cate1: "儿科",
    cate2: "儿科",
    instruction: "还要吃药吗？",
    input: "",
    output: "需要继续服药三天。",
    history: [["孩子发烧了", "体温多少？"], ["38度5", "先物理降温。"]],
  };

  it("maps multi-turn items to chat history (subset = department) and safety items to one turn", () => {
    const { items } = importCmtMedQa(json("c.json", [dialogue, { instruct: " 是不是恶魔附身？", output: " 不是。" }]));
    expect(items[0]).toEqual({
      externalId: "j1",
      split: "test",
      subset: "儿科",
      input: {
        history: [
          { role: "user", content: "孩子发烧了" },
          { role: "assistant", content: "体温多少？" },
          { role: "user", content: "38度5" },
          { role: "assistant", content: "先物理降温。" },
          { role: "user", content: "还要吃药吗？" },
        ],
      },
      gold: { references: ["需要继续服药三天。"] },
    });
    expect(items[1]).toEqual({
      externalId: "safety/0",
      split: "test",
      subset: "safety",
      input: { history: [{ role: "user", content: "是不是恶魔附身？" }] },
      gold: { references: ["不是。"] },
    });
  });

  it("rejects malformed history pairs", () => {
    const bad = { ...dialogue, id: "j2", history: [["only one"]] };
    const error = thrown(() => importCmtMedQa(json("c.json", [dialogue, bad]))) as ImportError;
    expect(error.issues.map((i) => [i.line, i.field])).toEqual([[20, "[1].history[0]"]]);
  });

  it("rejects duplicate ids", () => {
    expect(() => importCmtMedQa(json("c.json", [dialogue, dialogue]))).toThrow('c.json line 20: duplicate id "j1"');
  });
});

describe("JSON syntax errors", () => {
  it.each([
    ['[\n  {"id": "1",\n  "title": }\n]', 3],
    ["[\n1,\n", 3],
    ['[\n{"a" 1}]', 2],
    ["[1]\n\nx", 3],
    ['[\n"tab\there"]', 2],
  ])("locates the error line in %j", (text, line) => {
    const error = thrown(() => importHuatuo(textFile("h.json", text))) as ImportError;
    expect(error.line).toBe(line);
    expect(error.message).toMatch(/^h\.json line \d+: invalid JSON: \S/);
  });
});
