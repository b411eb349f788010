import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/scoring/tokenize";
import { ensureJiebaSegmenter } from "./word-segmenter";

describe("jieba word segmentation", () => {
  it("splits Chinese into dictionary words once loaded", () => {
    ensureJiebaSegmenter();
    expect(tokenize("我最近总是头痛，需要做核磁共振检查吗？", "jieba")).toEqual([
      "我",
      "最近",
      "总是",
      "头痛",
      "，",
      "需要",
      "做",
      "核磁共振",
      "检查",
      "吗",
      "？",
    ]);
  });

  it("keeps characters the dictionary does not join apart (no HMM guessing of new words), and loads once", () => {
    ensureJiebaSegmenter();
    ensureJiebaSegmenter();
    // jieba with its HMM would join 昨起 and 护胃; the segmenter cuts by the dictionary alone.
    expect(tokenize("患儿昨起咳嗽伴低热，予护胃治疗", "jieba")).toEqual(["患儿", "昨", "起", "咳嗽", "伴", "低热", "，", "予", "护", "胃", "治疗"]);
  });
});
