import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "./decode";
import { ImportError } from "./importers/errors";
import { createRng } from "../scoring/random";

const zh = "问题：高血压患者应该如何饮食？\n答案：低盐低脂。";

describe("decodeText", () => {
  it("reads plain UTF-8 and normalises CRLF and lone CR", () => {
    const bytes = new TextEncoder().encode("a,b\r\nc,d\re");
    expect(decodeText(bytes, "x.csv")).toBe("a,b\nc,d\ne");
  });

  it("strips a UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(zh)]);
    expect(decodeText(bytes, "x.txt")).toBe(zh);
  });

  it("reads UTF-16 LE and BE with a BOM", () => {
    expect(decodeText(new Uint8Array(iconv.encode(zh, "utf-16le", { addBOM: true })), "le.txt")).toBe(zh);
    const be = iconv.encode(zh, "utf-16be");
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]), "be.txt")).toBe(zh);
  });

  it("falls back to GB18030 for Chinese text that is not UTF-8", () => {
    const bytes = new Uint8Array(iconv.encode(`question,answer\r\n${zh.replace("\n", " ")},对\r\n`, "gb18030"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes, "gb.csv")).toBe(`question,answer\n${zh.replace("\n", " ")},对\n`);
  });

  it("rejects binary garbage and non-CJK legacy encodings", () => {
    const rng = createRng(7);
    const garbage = Uint8Array.from({ length: 4096 }, () => Math.floor(rng() * 256));
    expect(() => decodeText(garbage, "blob.bin")).toThrow(ImportError);
    expect(() => decodeText(garbage, "blob.bin")).toThrow("blob.bin: file is not UTF-8 or GB18030 text");
    expect(() => decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), "latin1.csv")).toThrow(ImportError);
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "x.png")).toThrow(ImportError);
    expect(() => decodeText(new Uint8Array([0x61, 0x00, 0x62]), "nul.csv")).toThrow(ImportError);
  });

  it("returns an empty string for an empty file (callers report emptiness)", () => {
    expect(decodeText(new Uint8Array(), "empty.csv")).toBe("");
  });
});

describe("decodeText GB18030 heuristic", () => {
  it("rejects random bytes that happen to be valid GB18030", () => {
    const rng = createRng(11);
    const pick = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const bytes: number[] = [];
    for (let i = 0; i < 500; i++) bytes.push(pick(0x81, 0xfe), pick(0x80, 0xfe));
    const data = Uint8Array.from(bytes);
    expect(new TextDecoder("gb18030", { fatal: true }).decode(data).length).toBeGreaterThan(0);
    expect(() => decodeText(data, "noise.csv")).toThrow("noise.csv: file is not UTF-8 or GB18030 text");
  });

  it("accepts GB18030 text with rare characters and a four-byte sequence", () => {
    const text = "患者主诉：头痛、发热３天；体温38.5℃。䶮字罕见😀";
    expect(decodeText(new Uint8Array(iconv.encode(text, "gb18030")), "rare.txt")).toBe(text);
  });
});
