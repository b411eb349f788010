export type TokenizerId = "char" | "jieba";

/** Splits text into words; whitespace-only words are dropped by `tokenize`. */
export type WordSegmenter = (text: string) => string[];

/**
 * Han characters one per token, as the paper's per-character protocol does. A Latin word, a number
 * (with an optional decimal part) or any other non-space character is one token. Case is kept:
 * lowercasing would make "CT" and "ct" match, which reference answers never intend, and NLTK's
 * corpus_bleu on character lists does not fold case either.
 */
const CHAR_TOKEN = /\p{Script=Han}|\p{Script=Latin}+|\p{Nd}+(?:\.\p{Nd}+)?|\S/gu;

export function tokenizeChars(text: string): string[] {
  return text.match(CHAR_TOKEN) ?? [];
}

// The segmenter (e.g. @node-rs/jieba) ships a native binary, so it is injected by the server at start-up
// instead of imported here; that keeps this module loadable in the browser and in unit tests.
let registeredSegmenter: WordSegmenter | null = null;

export function registerWordSegmenter(segmenter: WordSegmenter | null): void {
  registeredSegmenter = segmenter;
}

export function tokenize(text: string, id: TokenizerId, segmenter?: WordSegmenter): string[] {
  if (id === "char") return tokenizeChars(text);
  const segment = segmenter ?? registeredSegmenter;
  if (!segment) throw new Error("jieba tokeniser not available");
  return segment(text)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}
