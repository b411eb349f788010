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
    // Punctuation and padding around a field are not part of the entity, in whatever order they come.
    ["头痛，\t症状", [["头痛", "symptom"]]],
    ["头痛 ；\t症状", [["头痛", "symptom"]]],
    ["头痛。 \t症状", [["头痛", "symptom"]]],
    ["【 头痛 】\t症状", [["头痛", "symptom"]]],
    ["头痛（症状） 。", [["头痛", "symptom"]]],
    // A third column (a score, a note) does not stop the first two from being read.
    ["糖尿病\t疾病\t0.95", [["糖尿病", "disease"]]],
    // Type first with a space: the entity may itself contain a space.
    ["症状 头痛", [["头痛", "symptom"]]],
    ["疾病 2 型糖尿病", [["2 型糖尿病", "disease"]]],
    ["症状：头痛、、发热", [["头痛", "symptom"], ["发热", "symptom"]]],
    // An indented (nested) list item is still a list item, and a blank line does not end a heading's list.
    ["症状：\n  - 头痛\n  - 发热", [["头痛", "symptom"], ["发热", "symptom"]]],
    ["症状：\n\n头痛\n发热", [["头痛", "symptom"], ["发热", "symptom"]]],
    // A fence around lines that are not JSON is dropped, whatever language it names.
    ["```\n头痛\t症状\n```", [["头痛", "symptom"]]],
    ["```plaintext\n头痛\t症状\n发热\t症状\n```", [["头痛", "symptom"], ["发热", "symptom"]]],
    // JSON under a bare fence, on one line inside a fence, after a blank line, and with Chinese keys.
    ['```\n[{"entity": "头痛", "type": "症状"}]\n```', [["头痛", "symptom"]]],
    ['```[{"entity": "头痛", "type": "症状"}]```', [["头痛", "symptom"]]],
    ['\n[{"entity": "头痛", "type": "症状"}]', [["头痛", "symptom"]]],
    ['[{"实体": "头痛", "类型": "症状"}]', [["头痛", "symptom"]]],
  ])("%j", (text, expected) => {
    const parsed = parseEntities(text, types);
    expect(parsed.entities).toEqual(expected.map(([t, type]) => ({ text: t, type })));
    expect(parsed.unparsedLines).toBe(0);
  });

  test.each([
    "无",
    "无。",
    "无 。",
    "没有实体",
    "未发现任何实体",
    "None",
    "n/a",
    // JSON null is the same statement, not a malformed JSON answer.
    "null",
    "",
    "\n\n",
    // The column header, however the two words are separated.
    "实体\t类型",
    "实体 类型",
    "实体类型",
    "实体：类型",
    "实体 : 类型",
  ])("%j means no entities", (text) => {
    expect(parseEntities(text, types)).toEqual({ entities: [], unparsedLines: 0 });
  });

  test("reads a type heading answered with none as no entity of that type", () => {
    expect(parseEntities("疾病：无\n症状：头痛", types)).toEqual({ entities: [{ text: "头痛", type: "symptom" }], unparsedLines: 0 });
    for (const text of ["药物：暂无", "症状：没有", "疾病：无。", "时间：None"]) {
      expect(parseEntities(text, types), text).toEqual({ entities: [], unparsedLines: 0 });
    }
    // A none among real entities is dropped, the entities kept.
    expect(parseEntities("症状：头痛、无", types)).toEqual({ entities: [{ text: "头痛", type: "symptom" }], unparsedLines: 0 });
    // 无力 (weakness) is a symptom, not "none".
    expect(parseEntities("症状：无力", types)).toEqual({ entities: [{ text: "无力", type: "symptom" }], unparsedLines: 0 });
  });

  test("counts lines with an unknown type or no type as unparsed", () => {
    const text = "以下是识别出的实体：\n糖尿病\t疾病\n胰岛素\t激素\n高血压\n\n头痛（很严重）";
    expect(parseEntities(text, types)).toEqual({ entities: [{ text: "糖尿病", type: "disease" }], unparsedLines: 4 });
  });

  test("counts a labelled line with an unknown type and a heading with only empty items as unparsed", () => {
    expect(parseEntities("实体：阿莫西林，类型：器官", types)).toEqual({ entities: [], unparsedLines: 1 });
    // Empty quotes name no entity: neither "" nor the quotes themselves is one.
    expect(parseEntities("疾病：“”", types)).toEqual({ entities: [], unparsedLines: 1 });
    expect(parseEntities("【】\t疾病", types)).toEqual({ entities: [], unparsedLines: 1 });
  });

  test("reads a tab-separated type label that contains a space", () => {
    const withSpace = [...types, { id: "vital_sign", label: "Vital sign" }];
    expect(parseEntities("血压升高\tVital sign", withSpace)).toEqual({
      entities: [{ text: "血压升高", type: "vital_sign" }],
      unparsedLines: 0,
    });
  });

  test("counts JSON elements without a string entity or type, and unsupported JSON shapes, as unparsed", () => {
    expect(parseEntities('[{"entity": "头痛"}]', types)).toEqual({ entities: [], unparsedLines: 1 });
    expect(parseEntities('[{"type": "症状"}]', types)).toEqual({ entities: [], unparsedLines: 1 });
    expect(parseEntities('[{"entity": 42, "type": "症状"}, {"entity": "发热", "type": 1}]', types)).toEqual({ entities: [], unparsedLines: 2 });
    // Entities grouped by type under "entities" is not a supported shape: one unparsed answer, not a crash.
    expect(parseEntities('{"entities": {"疾病": ["糖尿病"]}}', types)).toEqual({ entities: [], unparsedLines: 1 });
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
