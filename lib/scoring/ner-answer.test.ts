import { describe, expect, test } from "vitest";
import { parseEntities } from "./ner-answer";

const types = [
  { id: "disease", label: "疾病" },
  { id: "symptom", label: "症状" },
  { id: "drug", label: "药物" },
  { id: "time", label: "时间" },
];

describe("parseEntities", () => {
  test.each([
    ["糖尿病\t疾病", [["糖尿病", "disease"]]],
    ["糖尿病\t\t疾病\t", [["糖尿病", "disease"]]],
    ["疾病\t糖尿病", [["糖尿病", "disease"]]],
    ["糖尿病 疾病", [["糖尿病", "disease"]]],
    ["2 型糖尿病   疾病", [["2 型糖尿病", "disease"]]],
    ["糖尿病：疾病", [["糖尿病", "disease"]]],
    ["糖尿病: disease", [["糖尿病", "disease"]]],
    ["糖尿病（疾病）", [["糖尿病", "disease"]]],
    ["糖尿病(DISEASE)", [["糖尿病", "disease"]]],
    ["- 头痛\t症状", [["头痛", "symptom"]]],
    ["* 头痛\t症状", [["头痛", "symptom"]]],
    ["• 头痛\t症状", [["头痛", "symptom"]]],
    ["1. 头痛\t症状", [["头痛", "symptom"]]],
    ["2、头痛\t症状", [["头痛", "symptom"]]],
    ["(3) 头痛\t症状", [["头痛", "symptom"]]],
    ["【头痛】\t【症状】", [["头痛", "symptom"]]],
    ["「阿莫西林」：药物。", [["阿莫西林", "drug"]]],
    ["“阿莫西林”\t药物", [["阿莫西林", "drug"]]],
    ["实体：阿莫西林，类型：药物", [["阿莫西林", "drug"]]],
    ["早上10:30 时间", [["早上10:30", "time"]]],
    ["疾病：糖尿病、高血压", [["糖尿病", "disease"], ["高血压", "disease"]]],
    ["症状：\n- 头痛\n- 发热\n药物：\n- 布洛芬", [["头痛", "symptom"], ["发热", "symptom"], ["布洛芬", "drug"]]],
    ["糖尿病\t疾病\n糖尿病\t疾病\n糖尿病\t症状", [["糖尿病", "disease"], ["糖尿病", "symptom"]]],
  ])("%j", (text, expected) => {
    const parsed = parseEntities(text, types);
    expect(parsed.entities).toEqual(expected.map(([t, type]) => ({ text: t, type })));
    expect(parsed.unparsedLines).toBe(0);
  });

  test.each(["无", "无。", "没有实体", "未发现任何实体", "None", "n/a", "", "\n\n", "实体\t类型"])("%j means no entities", (text) => {
    expect(parseEntities(text, types)).toEqual({ entities: [], unparsedLines: 0 });
  });

  test("counts lines with an unknown type or no type as unparsed", () => {
    const text = "以下是识别出的实体：\n糖尿病\t疾病\n胰岛素\t激素\n高血压\n\n头痛（很严重）";
    expect(parseEntities(text, types)).toEqual({ entities: [{ text: "糖尿病", type: "disease" }], unparsedLines: 4 });
  });

  test("reads a JSON array, fenced or not", () => {
    const fenced = '好的：\n```json\n[{"entity": "头痛", "type": "症状"}, {"text": "布洛芬", "type": "drug"}, {"entity": "x", "type": "器官"}]\n```';
    expect(parseEntities(fenced, types)).toEqual({
      entities: [
        { text: "头痛", type: "symptom" },
        { text: "布洛芬", type: "drug" },
      ],
      unparsedLines: 1,
    });
    expect(parseEntities('[{"entity":"头痛","type":"症状"},{"entity":"头痛","type":"症状"}]', types)).toEqual({
      entities: [{ text: "头痛", type: "symptom" }],
      unparsedLines: 0,
    });
    expect(parseEntities('{"entities": [["发热", "症状"]]}', types).entities).toEqual([{ text: "发热", type: "symptom" }]);
    expect(parseEntities("[]", types)).toEqual({ entities: [], unparsedLines: 0 });
    expect(parseEntities('{"foo": 1}', types)).toEqual({ entities: [], unparsedLines: 1 });
  });

  test("falls back to lines when JSON is malformed", () => {
    expect(parseEntities("[头痛\t症状", types).entities).toEqual([{ text: "[头痛", type: "symptom" }]);
  });
});
