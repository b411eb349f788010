import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { fixture, jsonl, textFile, thrown } from "../__fixtures__/files";
import type { ImportFile } from "./records";
import { ImportError } from "./errors";
import { presetById } from "../mapping/presets";
import { importUserSuite, inspectUserFile, previewUserSuite } from "./user-upload";
import type { TaskKind } from "../types";

const upload = (file: ImportFile, taskKind: TaskKind, id = "my-suite") => importUserSuite({ ...file, taskKind, id, name: "My suite" });
const errorOf = (fn: () => unknown) => {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
};

describe("importUserSuite: multiple choice", () => {
  it("reads a CSV with quoted fields and optional subject", () => {
    const { suite, warnings } = upload(fixture("mcq-good.csv"), "mcq");
    expect(warnings).toEqual([]);
    expect(suite).toMatchObject({ id: "my-suite", name: { en: "My suite", zh: "My suite" }, taskKind: "mcq", source: "upload:mcq-good.csv" });
    expect(suite.items).toEqual([
      {
        externalId: "0",
        split: "test",
        subset: "营养学",
        input: { question: '下列哪项是"维生素"，选出一项', options: { A: "维生素A", B: "钙", C: "铁,锌", D: "蛋白质" }, subject: "营养学" },
        gold: { answer: "A" },
      },
      { externalId: "1", split: "test", input: { question: "多行\n题干", options: { A: "甲", B: "乙", C: "丙", D: "丁" } }, gold: { answer: "D" } },
    ]);
  });

  it("reads JSONL with five options, ids, dev split, and warns about unknown fields", () => {
    const file = jsonl("q.jsonl", [
      { id: "x1", split: "dev", question: "q", A: "a", B: "b", C: "c", D: "d", E: "e", answer: "E", note: "?" },
    ]);
    const { suite, warnings } = upload(file, "mcq");
    expect(suite.items[0]).toMatchObject({ externalId: "x1", split: "dev", gold: { answer: "E" } });
    expect(Object.keys(suite.items[0].input.options as object)).toEqual(["A", "B", "C", "D", "E"]);
    expect(warnings).toEqual(["q.jsonl: ignored unknown field(s): note"]);
  });

  it("rejects an unknown answer letter, naming line and field", () => {
    const file = jsonl("q.jsonl", [{ question: "q", A: "a", B: "b", C: "c", D: "d", answer: "A" }, { question: "q", A: "a", B: "b", C: "c", D: "d", answer: "E" }]);
    expect(errorOf(() => upload(file, "mcq")).message).toBe('q.jsonl line 2: field "answer": answer "E" is not one of the options A–D');
  });

  it("rejects missing fields, gaps in options and malformed lines together", () => {
    const text = ['{"A": "a", "B": "b", "answer": "A"}', '{"question": "q", "A": "a", "C": "c", "answer": "A"}', "{oops"].join("\n");
    const error = errorOf(() => upload(textFile("q.jsonl", text), "mcq"));
    expect(error.issues.map((i) => `${i.line} ${i.field ?? "-"} ${i.message}`)).toEqual([
      "1 question required field is missing",
      "2 C options must be consecutive letters from A; option B is missing",
      expect.stringMatching(/^3 - invalid JSON/),
    ]);
  });

  it("rejects CSV rows with the wrong column count and unterminated quotes, naming lines", () => {
    const columns = errorOf(() => upload(fixture("mcq-bad-columns.csv"), "mcq"));
    expect(columns.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(columns.message).toMatch(/^mcq-bad-columns\.csv line 3: expected 6 columns \(as in the header\), found 5/);
    const quote = errorOf(() => upload(fixture("mcq-unterminated.csv"), "mcq"));
    expect(quote.message).toBe("mcq-unterminated.csv line 3: unterminated quoted field (opening quote here)");
  });

  it("reads GB18030 and BOM-prefixed CSV files", () => {
    const csv = "question,A,B,answer\r\n高血压的诊断标准？,140/90,120/80,A\r\n";
    const gb = upload({ fileName: "gb.csv", bytes: new Uint8Array(iconv.encode(csv, "gb18030")) }, "mcq");
    expect(gb.suite.items[0].input).toEqual({ question: "高血压的诊断标准？", options: { A: "140/90", B: "120/80" } });
    const bom = upload({ fileName: "bom.csv", bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]) }, "mcq");
    expect(bom.suite.items).toEqual(gb.suite.items);
  });
});

describe("importUserSuite: other kinds", () => {
  it("reads NER JSONL, repairing offsets and listing entity types", () => {
    const { suite, warnings } = upload(fixture("ner-good.jsonl"), "ner");
    expect(suite.items[1]).toEqual({
      externalId: "q2",
      split: "dev",
      input: { text: "宝宝HIV检测" },
      gold: { entities: [{ text: "HIV", type: "test", offset: 2 }, { text: "宝宝", type: "crowd", offset: 0 }] },
    });
    expect(suite.config.entityTypes).toEqual(["symptom", "drug", "test", "crowd"].map((id) => ({ id, label: id, en: id })));
    expect(warnings[0]).toContain("2 of 3 entity offsets did not match the text");
  });

  it("reads open QA from JSONL and CSV, requiring exactly one of answer/references", () => {
    const a = upload(jsonl("o.jsonl", [{ question: "q", references: ["r1", "r2"] }, { question: "q2", context: "c", answer: "r" }]), "open_qa");
    expect(a.suite.items.map((i) => [i.input, i.gold])).toEqual([
      [{ question: "q" }, { references: ["r1", "r2"] }],
      [{ question: "q2", context: "c" }, { references: ["r"] }],
    ]);
    const b = upload(textFile("o.csv", "question,answer,context\nq,r,\n"), "open_qa");
    expect(b.suite.items[0].input).toEqual({ question: "q" });
    const both = errorOf(() => upload(jsonl("o.jsonl", [{ question: "q", answer: "a", references: ["b"] }]), "open_qa"));
    expect(both.field).toBe("answer");
  });

  it("reads both dialogue forms and checks turn order", () => {
    const history = [{ role: "user", content: "头痛" }, { role: "assistant", content: "多久了？" }, { role: "user", content: "三天" }];
    const { suite } = upload(jsonl("d.jsonl", [{ history, reference: "建议就医" }, { turns: [...history, { role: "assistant", content: "建议就医" }] }]), "dialogue");
    expect(suite.items[0].input).toEqual(suite.items[1].input);
    expect(suite.items[1].gold).toEqual({ references: ["建议就医"] });
    const bad = errorOf(() => upload(jsonl("d.jsonl", [{ history: history.slice(0, 2), reference: "x" }]), "dialogue"));
    expect(bad.message).toBe('d.jsonl line 1: field "history": the history must end with a user turn');
  });

  it("rejects formats a kind cannot use, unknown extensions, empty files, bad ids", () => {
    expect(() => upload(textFile("n.csv", "text\nx\n"), "ner")).toThrow("ner suites must be uploaded as JSON Lines");
    expect(() => upload(jsonl("s.jsonl", [{}]), "scale")).toThrow("scale suites cannot be uploaded");
    expect(() => upload(textFile("q.xlsx", "x"), "mcq")).toThrow('q.xlsx: unsupported file type ".xlsx"');
    expect(() => upload(textFile("q.jsonl", ""), "mcq")).toThrow("q.jsonl: file is empty");
    expect(errorOf(() => upload(jsonl("q.jsonl", [{}]), "mcq", "Bad_Id")).field).toBe("id");
    expect(() => upload(jsonl("q.jsonl", [{}]), "mcq", "cmmlu-medical")).toThrow("reserved");
    expect(() => upload({ fileName: "q.csv", bytes: Uint8Array.from([0, 1, 2, 255, 254, 0]) }, "mcq")).toThrow("not UTF-8 or GB18030");
  });

  it("accepts a .json array of records", () => {
    const { suite } = upload(textFile("o.json", JSON.stringify([{ question: "q", answer: "a" }])), "open_qa");
    expect(suite.items).toHaveLength(1);
    const error = errorOf(() => upload(textFile("d.json", '[\n{"turns": []},\n"text"\n]'), "dialogue"));
    expect(error.issues.map((i) => `${i.line} ${i.field}`)).toEqual(["2 [0].turns", "3 [1]"]);
  });
});

describe("previewUserSuite", () => {
  const rows = Array.from({ length: 25 }, (_, i) => ({ question: `q${i}`, A: "a", B: "b", answer: "B" }));

  it("returns the first 20 items, the total and warnings", () => {
    const preview = previewUserSuite({ ...jsonl("p.jsonl", rows), taskKind: "mcq" });
    expect(preview.ok && [preview.items.length, preview.total, preview.warnings]).toEqual([20, 25, []]);
  });

  it("returns the ImportError instead of a partial result when any line is bad", () => {
    const preview = previewUserSuite({ ...jsonl("p.jsonl", [...rows, { question: "bad" }]), taskKind: "mcq" });
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.error.line).toBe(26);
  });
});

describe("field mapping and the instruction kind", () => {
  it("imports a CMeEE file through its preset: inclusive ends, type names for the prompt", () => {
    const rows = [
      { text: "患者头痛三天，服用布洛芬。", entities: [{ start_idx: 2, end_idx: 3, type: "sym", entity: "头痛" }, { start_idx: 9, end_idx: 11, type: "dru", entity: "布洛芬" }] },
      { text: "无异常", entities: [] },
    ];
    const mapping = presetById("cmeee")!.mapping;
    const { suite, warnings } = importUserSuite({ ...jsonl("CMeEE_dev.json", rows), taskKind: "ner", id: "cmeee", name: "CMeEE", mapping });
    expect(warnings).toEqual([]);
    expect(suite.items[0].gold).toEqual({ entities: [{ text: "头痛", type: "sym", offset: 2 }, { text: "布洛芬", type: "dru", offset: 9 }] });
    expect(suite.config.entityTypes).toEqual([
      { id: "sym", label: "症状", en: "symptom" },
      { id: "dru", label: "药物", en: "drug" },
    ]);
    expect(suite.config.importMapping).toEqual(mapping);
  });

  it("inspects a file: its fields, matching presets and the detected end convention", () => {
    const rows = [{ text: "头痛三天", entities: [{ start_idx: 0, end_idx: 2, type: "sym", entity: "头痛" }] }];
    const inspection = inspectUserFile(jsonl("c.json", rows));
    expect(inspection.shape.key).toBe("entities,text");
    expect(inspection.presets.map((p) => [p.id, p.mapping.endIndex])).toEqual([["cmeee", "exclusive"]]);
    expect(inspection.records).toBe(1);
  });

  it("imports a CSV with ask/answer columns mapped to question/answer", () => {
    const csv = "department,title,ask,answer\n内科,头痛,头痛怎么办？,多休息\n";
    const mapping = { fields: { question: "ask", answer: "answer" } };
    const { suite, warnings } = importUserSuite({ ...textFile("dialog.csv", csv), taskKind: "open_qa", id: "dialog", name: "D", mapping });
    expect(suite.items[0]).toMatchObject({ input: { question: "头痛怎么办？" }, gold: { references: ["多休息"] } });
    expect(warnings).toEqual(["dialog.csv: ignored unknown field(s): department, title"]);
  });

  it("says once that a whole column is missing, naming the header", () => {
    const csv = "department,title,ask,answer\n" + "内科,头痛,怎么办,休息\n".repeat(50);
    const error = errorOf(() => upload(textFile("dialog.csv", csv), "open_qa"));
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe("dialog.csv line 1: header has department,title,ask,answer; expected question; map the file's fields to the task's fields");
    const json = errorOf(() => upload(jsonl("p.jsonl", [{ input: "x", target: "y" }]), "instruction"));
    expect(json.message).toBe("p.jsonl: no record has this field: expected prompt (fields found: input,target); map the file's fields to the task's fields");
  });

  it("calls an empty answer empty", () => {
    const error = errorOf(() => upload(textFile("o.csv", "question,answer\nq,\n"), "open_qa"));
    expect(error.message).toBe('o.csv line 2: field "answer": must not be empty');
  });

  it("imports PromptCBLUE rows as instruction items, the prompt kept exactly", () => {
    const rows = [{ input: "  找出实体：头痛\n", target: "症状：头痛", task_dataset: "CMeEE-V2", sample_id: 7 }];
    const { suite } = importUserSuite({ ...jsonl("p.json", rows), taskKind: "instruction", id: "pcb", name: "P", mapping: presetById("promptcblue")!.mapping });
    expect(suite.items).toEqual([
      { externalId: "7", split: "test", subset: "CMeEE-V2", input: { prompt: "  找出实体：头痛\n" }, gold: { references: ["症状：头痛"] } },
    ]);
  });
});
