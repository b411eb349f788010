import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, csvLines, csvRow, jsonLines } from "./csv";

async function collect(lines: AsyncIterable<string>) {
  let text = "";
  for await (const line of lines) text += line;
  return text;
}

describe("csv", () => {
  it("quotes fields with commas, quotes and line breaks, and doubles inner quotes", () => {
    expect(csvField('他说"好",然后\n走了')).toBe('"他说""好"",然后\n走了"');
    expect(csvRow(["a", 1, null, true])).toBe("a,1,,true\r\n");
  });

  it("defuses text a spreadsheet would run as a formula, but leaves numbers alone", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("starts with a byte-order mark so Excel reads Chinese text as UTF-8", async () => {
    const text = await collect(csvLines(["模型", "准确率"], [["中文模型", 0.5]]));
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe("模型,准确率\r\n中文模型,0.5\r\n");
  });

  it("writes one JSON value per line", async () => {
    expect(await collect(jsonLines([{ a: "行\n" }, [1]]))).toBe('{"a":"行\\n"}\n[1]\n');
  });
});
