import { describe, expect, it } from "vitest";
import { thrown } from "../__fixtures__/files";
import { parseCsv } from "./csv";
import { readCsvRecords } from "./csv-records";
import { ImportError } from "./errors";

describe("parseCsv", () => {
  it("handles quoted commas, newlines and doubled quotes, tracking start lines", () => {
    const rows = parseCsv('a,b,c\n"x,1","line1\nline2","say ""hi"""\nlast,,"" \n', "t.csv");
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x,1", "line1\nline2", 'say "hi"'] },
      { line: 4, cells: ["last", "", ""] },
    ]);
  });

  it("keeps empty fields, skips blank lines, accepts CRLF and a missing final newline", () => {
    expect(parseCsv("a,,b\r\n\r\n,c,\r\nd,e,f", "t.csv")).toEqual([
      { line: 1, cells: ["a", "", "b"] },
      { line: 3, cells: ["", "c", ""] },
      { line: 4, cells: ["d", "e", "f"] },
    ]);
  });

  it("keeps a quote inside an unquoted field literally", () => {
    expect(parseCsv('5"2,x\n', "t.csv")).toEqual([{ line: 1, cells: ['5"2', "x"] }]);
  });

  it("names the line of an unterminated quote", () => {
    const error = thrown(() => parseCsv('a,b\n1,2\n3,"open\nmore\n', "bad.csv")) as ImportError;
    expect(error).toBeInstanceOf(ImportError);
    expect(error.line).toBe(3);
    expect(error.message).toBe("bad.csv line 3: unterminated quoted field (opening quote here)");
  });

  it("rejects text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c\n', "bad.csv")).toThrow('bad.csv line 1: unexpected character "b" after a closing quote');
  });
});

describe("readCsvRecords", () => {
  it("maps rows to header names, ignoring unnamed columns and normalising case", () => {
    const records = readCsvRecords(",Question,a,Answer\n0,q,x,A\n", "t.csv");
    expect(records).toEqual([{ line: 2, index: 0, value: { question: "q", A: "x", answer: "A" }, fieldPrefix: "" }]);
  });

  it("reports every row with the wrong column count, naming its line", () => {
    const error = thrown(() => readCsvRecords("q,a\n1,2\n3\n4,5,6\n", "t.csv")) as ImportError;
    expect(error.issues.map((i) => [i.line, i.message])).toEqual([
      [3, "expected 2 columns (as in the header), found 1"],
      [4, "expected 2 columns (as in the header), found 3"],
    ]);
  });

  it("rejects empty files, header-only files and duplicate columns", () => {
    expect(() => readCsvRecords("", "t.csv")).toThrow("t.csv: file is empty");
    expect(() => readCsvRecords("q,a\n", "t.csv")).toThrow("t.csv: file has a header row but no data rows");
    expect(() => readCsvRecords("answer,Answer\n1,2\n", "t.csv")).toThrow('t.csv line 1: duplicate column "answer" in the header');
  });
});
