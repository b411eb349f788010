import { describe, expect, it } from "vitest";
import { plainTextRecords } from "./perplexity-records";
import { importUserSuite } from "./user-upload";

const file = (fileName: string, text: string) => ({ fileName, bytes: new TextEncoder().encode(text) });

describe("perplexity uploads", () => {
  it("splits a plain text corpus on blank lines, keeping a document's own line breaks and its first line", () => {
    const records = plainTextRecords("\r\n第一段\r\n第二行\r\n\r\n  \r\n第二篇\n");
    expect(records.map((r) => [r.line, r.value])).toEqual([
      [2, { text: "第一段\n第二行" }],
      [6, { text: "第二篇" }],
    ]);
  });

  it("imports {text} records and refuses a .txt file for any other kind", () => {
    const { suite } = importUserSuite({ ...file("docs.jsonl", '{"text": " 病历 ", "subset": "a"}\n{"text": "b"}'), taskKind: "perplexity", id: "docs", name: "Docs" });
    expect(suite.items.map((i) => [i.externalId, i.subset ?? null, i.input])).toEqual([
      ["0", "a", { text: " 病历 " }],
      ["1", null, { text: "b" }],
    ]);
    expect(() => importUserSuite({ ...file("q.txt", "问题"), taskKind: "open_qa", id: "q-txt", name: "Q" })).toThrow(/plain text files hold perplexity corpora/);
  });
});
