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
});
