import { describe, expect, test } from "vitest";
import { buildNerMessages } from "./ner";

const types = [
  { id: "disease", label: "疾病" },
  { id: "symptom", label: "症状" },
];

describe("buildNerMessages", () => {
  test("asks for one entity<TAB>type per line with Chinese labels and 无 for none", () => {
    expect(buildNerMessages({ text: "糖尿病患者头痛怎么办" }, types)).toEqual([
      {
        role: "user",
        content:
          "请找出下面文本中所有属于以下类型的实体：疾病、症状。\n" +
          "每行输出一个实体，格式为“实体\t类型”：先写与原文完全一致的实体，再写一个制表符（Tab），再写类型；类型只能是上面列出的类型名称之一。\n" +
          "除此之外不要输出任何内容。如果文本中没有这些类型的实体，只输出“无”。\n" +
          "文本：糖尿病患者头痛怎么办",
      },
    ]);
  });

  test("adds a system prompt and refuses an empty type list", () => {
    expect(buildNerMessages({ text: "x" }, types, { systemPrompt: "S" })[0]).toEqual({ role: "system", content: "S" });
    expect(() => buildNerMessages({ text: "x" }, [])).toThrow();
  });
});
