import { createRequire } from "node:module";
import { registerWordSegmenter } from "@/lib/scoring/tokenize";

let loaded = false;

/** Loads jieba (a native module with a ~5 MB dictionary) only when a run asks for word-level tokens. */
export function ensureJiebaSegmenter(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
  const { dict } = require("@node-rs/jieba/dict") as typeof import("@node-rs/jieba/dict");
  const jieba = Jieba.withDict(dict);
  registerWordSegmenter((text) => jieba.cut(text, false));
  loaded = true;
}
