import { describe, expect, it } from "vitest";
import { applyFieldMapping, detectEndIndex, fieldMappingSchema } from "./field-mapping";
import { describeFileShape, shapeKey } from "./file-shape";
import { matchingPresets, presetById } from "./presets";

// CMeEE (CBLUE) record: end_idx points at the mention's last character (inclusive).
const cmeee = {
  text: "患者头痛三天，服用布洛芬。",
  entities: [
    { start_idx: 2, end_idx: 3, type: "sym", entity: "头痛" },
    { start_idx: 9, end_idx: 11, type: "dru", entity: "布洛芬" },
  ],
};
const cmeeeMapping = presetById("cmeee")!.mapping;

describe("applyFieldMapping", () => {
  it("maps CMeEE entities to {text, type, offset}", () => {
    expect(applyFieldMapping("ner", cmeee, cmeeeMapping)).toEqual({
      text: cmeee.text,
      entities: [
        { text: "头痛", type: "sym", offset: 2 },
        { text: "布洛芬", type: "dru", offset: 9 },
      ],
    });
  });

  it("cuts the mention from the text by span when the file has no mention field, honouring the end convention", () => {
    const spans = { text: "患者头痛三天", entities: [{ start_idx: 2, end_idx: 3, type: "sym" }] };
    const inclusive = applyFieldMapping("ner", spans, { ...cmeeeMapping, endIndex: "inclusive" }) as { entities: unknown[] };
    expect(inclusive.entities).toEqual([{ text: "头痛", type: "sym", offset: 2 }]);
    const exclusive = applyFieldMapping("ner", spans, { ...cmeeeMapping, endIndex: "exclusive" }) as { entities: unknown[] };
    expect(exclusive.entities).toEqual([{ text: "头", type: "sym", offset: 2 }]);
  });

  it("renames CSV columns, drops the sources and keeps unused fields for the unknown-field warning", () => {
    const row = { department: "内科", title: "头痛", ask: "头痛怎么办？", answer: "多休息" };
    expect(applyFieldMapping("open_qa", row, { fields: { question: "ask", answer: "answer" } })).toEqual({
      department: "内科",
      title: "头痛",
      question: "头痛怎么办？",
      answer: "多休息",
    });
  });

  it("leaves a target unset when its source field is absent, rather than keeping a same-named field", () => {
    expect(applyFieldMapping("open_qa", { question: "old", ask: undefined }, { fields: { question: "title" } })).toEqual({ ask: undefined });
  });

  it("reads options from an object, a list or CMExam's lettered text", () => {
    const object = applyFieldMapping("mcq", { question: "q", option: { A: "甲", b: "乙" }, answer: "A" }, { fields: { options: "option" } });
    expect(object).toEqual({ question: "q", A: "甲", B: "乙", answer: "A" });
    expect(applyFieldMapping("mcq", { question: "q", options: ["甲", "乙"], answer: "B" }, { fields: {} })).toMatchObject({ A: "甲", B: "乙" });
    const text = applyFieldMapping("mcq", { question: "q", options: "A 肝硬化\nB. 肝癌\nC、脂肪肝", answer: "B" }, { fields: {} });
    expect(text).toEqual({ question: "q", A: "肝硬化", B: "肝癌", C: "脂肪肝", answer: "B" });
  });

  it("turns an answer list into references and a list target into delimited text", () => {
    expect(applyFieldMapping("open_qa", { questions: "q", answers: ["a", "b"] }, presetById("huatuo")!.mapping)).toEqual({
      question: "q",
      references: ["a", "b"],
    });
    expect(applyFieldMapping("instruction", { prompt: "p", target: ["头痛", "发热"] }, { fields: {}, listDelimiter: "，" })).toEqual({
      prompt: "p",
      target: "头痛，发热",
    });
  });

  it("validates a mapping sent by a client", () => {
    expect(fieldMappingSchema.parse({}).fields).toEqual({});
    expect(fieldMappingSchema.safeParse({ fields: { question: "" } }).success).toBe(false);
    expect(fieldMappingSchema.safeParse({ endIndex: "sideways" }).success).toBe(false);
  });
});

describe("detectEndIndex", () => {
  it("tells inclusive from exclusive ends by which one reproduces the mentions", () => {
    expect(detectEndIndex([cmeee], cmeeeMapping)).toBe("inclusive");
    const exclusive = { text: cmeee.text, entities: cmeee.entities.map((e) => ({ ...e, end_idx: e.end_idx + 1 })) };
    expect(detectEndIndex([exclusive], cmeeeMapping)).toBe("exclusive");
    expect(detectEndIndex([{ text: "x", entities: [] }], cmeeeMapping)).toBeNull();
  });
});

describe("file shapes and presets", () => {
  it("keys a shape by its sorted field names and samples each field", () => {
    const shape = describeFileShape([cmeee, { text: "无", entities: [], extra: 1 }]);
    expect(shape.key).toBe("entities,extra,text");
    expect(shape.key).toBe(shapeKey(["text", "extra", "entities"]));
    expect(shape.fields.find((f) => f.name === "entities")).toMatchObject({ kind: "list", itemFields: ["start_idx", "end_idx", "type", "entity"] });
    expect(shape.fields.find((f) => f.name === "text")?.sample).toBe(cmeee.text);
  });

  it("offers a preset only when the file has its fields", () => {
    const ids = (records: unknown[]) => matchingPresets(describeFileShape(records)).map((p) => p.id);
    expect(ids([cmeee])).toEqual(["cmeee"]);
    expect(ids([{ text: "x", entities: [{ text: "a", type: "b" }] }])).toEqual([]);
    expect(ids([{ input: "找出实体", target: "头痛", task_type: "ner" }])).toEqual(["promptcblue"]);
    // CSV headers reach the mapping in lower case, so CMExam's "Question,Options,Answer" matches.
    expect(ids([{ question: "q", options: "A x\nB y", answer: "A" }])).toEqual(["cmexam"]);
    expect(ids([{ department: "内科", title: "t", ask: "q", answer: "a" }])).toEqual(["medical-dialogue"]);
    expect(ids([{ question: "q", option: { A: "x" }, answer: "A", exam_subject: "s" }])).toEqual(["cmb-exam"]);
  });
});
