import { describe, expect, it } from "vitest";
import { fixture, jsonl, textFile, thrown } from "../__fixtures__/files";
import { importChineseBlueNer } from "./chineseblue-ner";
import { ImportError } from "./errors";

describe("importChineseBlueNer", () => {
  it("reads JSON Lines with string offsets and either `type` or `label`", () => {
    const file = jsonl("test.json", [
      { text: "胸闷呼吸困难", mention_data: [{ mention: "胸闷", type: "symptom", offset: "0", guid: "None" }] },
      { text: "右肺结节", mention_data: [{ mention: "右肺", label: "解剖部位", offset: "0" }] },
    ]);
    const { items, warnings } = importChineseBlueNer(file, { split: "dev" });
    expect(warnings).toEqual([]);
    expect(items).toEqual([
      { externalId: "dev/0", split: "dev", input: { text: "胸闷呼吸困难" }, gold: { entities: [{ text: "胸闷", type: "symptom", offset: 0 }] } },
      { externalId: "dev/1", split: "dev", input: { text: "右肺结节" }, gold: { entities: [{ text: "右肺", type: "解剖部位", offset: 0 }] } },
    ]);
  });

  it("repairs offsets that do not match the text and counts them", () => {
    const file = jsonl("test.json", [
      {
        text: "会传染hiv吗，头痛头痛",
        mention_data: [
          { mention: "HIV", type: "disease", offset: "3" },
          { mention: "头痛", type: "symptom", offset: "11" },
          { mention: "发热", type: "symptom", offset: "1" },
        ],
      },
    ]);
    const { items, warnings } = importChineseBlueNer(file, { split: "test" });
    expect(items[0].gold.entities).toEqual([
      { text: "hiv", type: "disease", offset: 3 },
      { text: "头痛", type: "symptom", offset: 10 },
      { text: "发热", type: "symptom" },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("3 of 3 entity offsets did not match the text: 1 moved");
    expect(warnings[0]).toContain("1 matched with different letter case");
    expect(warnings[0]).toContain("1 dropped");
  });

  it("rejects the whole file, listing several problems with line and field", () => {
    const error = thrown(() => importChineseBlueNer(fixture("chineseblue-bad.json"), { split: "test" })) as ImportError;
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(/^chineseblue-bad\.json line 2: field "mention_data\[2\]\.offset": expected an integer string \(and 3 more problems; 4 lines have problems\)$/);
    expect(error.issues.map((i) => [i.line, i.field])).toEqual([
      [2, "mention_data[2].offset"],
      [3, "mention_data[0].type"],
      [4, undefined],
      [5, "text"],
    ]);
    expect(error.issues[1].message).toBe('required field is missing (expected "type" or "label")');
    expect(error.issues[2].message).toMatch(/^invalid JSON/);
  });

  it("names wrong types and missing fields", () => {
    const error = thrown(() =>
      importChineseBlueNer(jsonl("t.json", [{ text: 5, mention_data: [] }, { text: "x" }]), { split: "test" }),
    ) as ImportError;
    expect(error.issues.map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
      "1 text: expected string, found number",
      "2 mention_data: required field is missing",
    ]);
  });

  it("rejects empty files and non-object lines", () => {
    expect(() => importChineseBlueNer(textFile("t.json", "\n\n"), { split: "test" })).toThrow("t.json: file is empty");
    expect(() => importChineseBlueNer(textFile("t.json", "[1,2]\n"), { split: "test" })).toThrow(
      "t.json line 1: expected a JSON object on this line",
    );
  });

  it("keeps 20 problems to show but counts every problem and line of the file", () => {
    const rows = Array.from({ length: 2192 }, () => "{bad json");
    const error = thrown(() => importChineseBlueNer(textFile("t.json", rows.join("\n")), { split: "test" })) as ImportError;
    expect(error.issues).toHaveLength(20);
    expect([error.omitted, error.lines]).toEqual([2172, 2192]);
    expect(error.message).toContain("(and 2,191 more problems; 2,192 lines have problems)");
  });
});
