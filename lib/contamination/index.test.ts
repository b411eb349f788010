import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "./corpus-reader";
import { buildIndex } from "./index-build";
import { shardFile } from "./index-format";
import { checkTexts, readIndexMeta } from "./index-query";
import { normalizeText, StreamingNormalizer } from "./normalize";

const root = mkdtempSync(path.join(tmpdir(), "contam-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

async function indexOf(corpus: string, { format = "text" as "text" | "jsonl", n = 13, chunkBytes = 1 << 16, memoryEntries = 1 << 20, shards = 16, bufferEntries = 8 } = {}) {
  const dir = path.join(root, `i${count++}`);
  const file = `${dir}.src`;
  writeFileSync(file, corpus);
  const meta = await buildIndex(readCorpus(file, { format, chunkBytes }), { dir, n, shards, memoryEntries, bufferEntries });
  return { dir, meta };
}

describe("normalizeText", () => {
  it("applies NFKC, lower case and drops every whitespace", () => {
    expect(normalizeText("ＡＢＣ１２３，\n高 血\t压")).toBe("abc123,高血压");
  });

  it("gives the same text when fed in pieces, a combining mark split from its letter", () => {
    const stream = new StreamingNormalizer();
    const parts = ["cafe", "\u0301 au", " lait"].map((p) => stream.push(p)).join("") + stream.end();
    expect(parts).toBe(normalizeText("cafe\u0301 au lait"));
    expect(parts).toBe("caféaulait");
  });
});

describe("contamination index", () => {
  // 13 distinct characters of a known item appear in the corpus only across a line break.
  const question = "患者男性五十岁反复胸痛三年加重一天";
  const corpus = "第一章 总论\n患者男性五十岁反复\n胸痛三年加重一天入院。\n其他内容与题目无关的说明文字若干。";

  it("finds an overlap that crosses a line break and a read of a few bytes (UTF-8 split mid-character)", async () => {
    const { dir, meta } = await indexOf(corpus, { chunkBytes: 5 });
    expect(meta.documents).toBe(1);
    expect(meta.characters).toBe(normalizeText(corpus).length);
    const result = checkTexts(dir, meta, [
      { key: "hit", question, answer: "" },
      { key: "miss", question: "完全不同的一道题目内容在这里出现", answer: "" },
    ]);
    expect(result.get("hit")).toMatchObject({ question: true, questionAnswer: true, span: question });
    // "患者男性五十岁反复胸痛三年加重一天" is 17 characters: 17 - 13 + 1 = 5 windows, all in the corpus.
    expect(result.get("hit")!.ngrams).toBe(5);
    expect(result.get("hit")!.matchedNgrams).toBe(5);
    expect(result.get("miss")).toMatchObject({ question: false, questionAnswer: false, span: "", matchedNgrams: 0 });
  });

  it("indexes the same fingerprints whatever the read size", async () => {
    const a = await indexOf(corpus, { chunkBytes: 3 });
    const b = await indexOf(corpus, { chunkBytes: 1 << 16 });
    for (let s = 0; s < 16; s++) expect(readFileSync(shardFile(a.dir, s)).equals(readFileSync(shardFile(b.dir, s)))).toBe(true);
    // 47 normalised characters → 35 windows of 13, none repeated.
    expect(a.meta.fingerprints).toBe(normalizeText(corpus).length - 12);
  });

  it("marks an item whose question alone is clean but whose question plus answer is in the corpus", async () => {
    const { dir, meta } = await indexOf("题目：下列哪项是高血压的诊断标准答案是收缩压一百四十");
    const result = checkTexts(dir, meta, [{ key: "q", question: "下列哪项是高血压的诊断标准", answer: "答案是收缩压一百四十" }]);
    expect(result.get("q")).toMatchObject({ question: true, questionAnswer: true });
    const other = checkTexts(dir, meta, [{ key: "q", question: "下列哪项是低血压的诊断", answer: "标准答案是收缩压一百四十" }]);
    // Only windows reaching into the answer side match.
    expect(other.get("q")).toMatchObject({ question: false, questionAnswer: true });
  });

  it("takes n as a setting: an 8-character overlap counts at n = 8, not at 13", async () => {
    const text = "ＡＢ病历摘要甲乙丙丁其余无关";
    const item = { key: "x", question: "病历摘要甲乙丙丁", answer: "" };
    const at8 = await indexOf(text, { n: 8 });
    const at13 = await indexOf(text, { n: 13 });
    expect(checkTexts(at8.dir, at8.meta, [item]).get("x")).toMatchObject({ question: true, span: "病历摘要甲乙丙丁" });
    expect(checkTexts(at13.dir, at13.meta, [item]).get("x")).toMatchObject({ question: false, ngrams: 0 });
    expect(readIndexMeta(at8.dir).n).toBe(8);
  });

  it("keeps JSONL documents apart: no n-gram spans two documents", async () => {
    const jsonl = `${JSON.stringify({ text: "甲乙丙丁戊己" })}\n${JSON.stringify({ text: "庚辛壬癸子丑寅" })}\n`;
    const { dir, meta } = await indexOf(jsonl, { format: "jsonl", n: 4, chunkBytes: 7 });
    expect(meta.documents).toBe(2);
    const result = checkTexts(dir, meta, [
      { key: "across", question: "戊己庚辛", answer: "" },
      { key: "inside", question: "辛壬癸子", answer: "" },
    ]);
    expect(result.get("across")!.question).toBe(false);
    expect(result.get("inside")!.question).toBe(true);
  });

  it("refuses a JSONL line without a text field, naming the line", async () => {
    await expect(indexOf('{"text":"好的文本"}\n{"body":1}\n', { format: "jsonl" })).rejects.toThrow('line 2: no string field "text"');
  });

  it("sorts a corpus larger than its memory budget in runs and merges them to the same index", async () => {
    // 40,000 pseudo-random characters from 500 CJK code points: about 40,000 distinct 13-grams.
    let seed = 7;
    const chars: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      chars.push(String.fromCodePoint(0x4e00 + (seed >>> 8) % 500));
    }
    const text = chars.join("") + chars.slice(0, 5000).join("");
    const small = await indexOf(text, { memoryEntries: 3000, shards: 4, bufferEntries: 1024 });
    const large = await indexOf(text, { memoryEntries: 1 << 20, shards: 4, bufferEntries: 1024 });
    expect(small.meta.fingerprints).toBe(large.meta.fingerprints);
    // The repeated 5,000-character tail adds 5,000 windows, 4,988 of them already seen.
    expect(large.meta.fingerprints).toBeGreaterThan(39_900);
    expect(large.meta.fingerprints).toBeLessThanOrEqual(45_000 - 12 - 4988);
    for (let s = 0; s < 4; s++) expect(readFileSync(shardFile(small.dir, s)).equals(readFileSync(shardFile(large.dir, s)))).toBe(true);
    const probe = chars.slice(20_000, 20_030).join("");
    expect(checkTexts(small.dir, small.meta, [{ key: "p", question: probe, answer: "" }]).get("p")).toMatchObject({ matchedNgrams: 18, ngrams: 18 });
  });
});
