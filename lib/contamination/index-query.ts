import { readFileSync } from "node:fs";
import { fingerprintsOf } from "./fingerprint";
import { type IndexMeta, metaFile, shardFile, shardOf } from "./index-format";
import { normalizeText } from "./normalize";

export function readIndexMeta(dir: string): IndexMeta {
  return JSON.parse(readFileSync(metaFile(dir), "utf8")) as IndexMeta;
}

/**
 * Which of the fingerprints ([hi, lo] pairs) are in the index: queries are grouped by shard, each shard needed
 * is read once (one at a time, so memory holds one shard) and searched by bisection.
 */
export function lookupFingerprints(dir: string, meta: IndexMeta, queries: Uint32Array): Uint8Array {
  const count = queries.length / 2;
  const found = new Uint8Array(count);
  const order = Array.from({ length: count }, (_, i) => i);
  const shardOfQuery = (i: number) => shardOf(queries[2 * i], meta.shards);
  order.sort((a, b) => shardOfQuery(a) - shardOfQuery(b));
  let current = -1;
  let table = new Uint32Array();
  for (const i of order) {
    const s = shardOfQuery(i);
    if (s !== current) {
      const bytes = readFileSync(shardFile(dir, s));
      table = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      current = s;
    }
    found[i] = contains(table, queries[2 * i], queries[2 * i + 1]) ? 1 : 0;
  }
  return found;
}

/** Bisection over sorted little-endian u64s seen as [lo, hi] u32 pairs. */
function contains(table: Uint32Array, hi: number, lo: number): boolean {
  let low = 0;
  let high = table.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const h = table[2 * mid + 1];
    const l = table[2 * mid];
    if (h === hi && l === lo) return true;
    if (h < hi || (h === hi && l < lo)) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

export interface TextsToCheck {
  key: string;
  question: string;
  answer: string;
}

export interface TextMatch {
  /** An n-gram of the question alone is in the corpus. */
  question: boolean;
  /** An n-gram of question ‖ answer (normalised, joined) is in the corpus: includes `question`. */
  questionAnswer: boolean;
  /** The longest run of overlapping matched n-grams, in normalised text. */
  span: string;
  matchedNgrams: number;
  ngrams: number;
}

/** Checks texts against an index, in batches of at most `batchNgrams` n-grams (8 bytes each in memory). */
export function checkTexts(dir: string, meta: IndexMeta, texts: readonly TextsToCheck[], batchNgrams = 4_000_000): Map<string, TextMatch> {
  const results = new Map<string, TextMatch>();
  let batch: { key: string; chars: string[]; questionChars: number; prints: Uint32Array }[] = [];
  let pending = 0;
  const run = () => {
    if (batch.length === 0) return;
    const all = new Uint32Array(pending * 2);
    let at = 0;
    for (const b of batch) {
      all.set(b.prints, at);
      at += b.prints.length;
    }
    const found = lookupFingerprints(dir, meta, all);
    let offset = 0;
    for (const b of batch) {
      const count = b.prints.length / 2;
      results.set(b.key, matchOf(b.chars, b.questionChars, found.subarray(offset, offset + count), meta.n));
      offset += count;
    }
    batch = [];
    pending = 0;
  };
  for (const t of texts) {
    const question = normalizeText(t.question);
    const full = question + normalizeText(t.answer);
    const prints = fingerprintsOf(full, meta.n);
    batch.push({ key: t.key, chars: Array.from(full), questionChars: Array.from(question).length, prints });
    pending += prints.length / 2;
    if (pending >= batchNgrams) run();
  }
  run();
  return results;
}

function matchOf(chars: string[], questionChars: number, found: Uint8Array, n: number): TextMatch {
  let question = false;
  let matched = 0;
  let best: [number, number] | null = null;
  let runStart = -1;
  for (let p = 0; p <= found.length; p++) {
    if (p < found.length && found[p]) {
      matched++;
      if (p + n <= questionChars) question = true;
      if (runStart === -1) runStart = p;
      continue;
    }
    if (runStart !== -1 && (!best || p - runStart > best[1] - best[0])) best = [runStart, p];
    runStart = -1;
  }
  return {
    question,
    questionAnswer: matched > 0,
    span: best ? chars.slice(best[0], best[1] - 1 + n).join("") : "",
    matchedNgrams: matched,
    ngrams: found.length,
  };
}
