import { ngramCounts } from "./bleu";

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeF1 {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

function score(overlap: number, hypCount: number, refCount: number): RougeScore {
  // Same conventions as Google's rouge-score: counts floored at 1, F = 0 when P + R = 0.
  const precision = overlap / Math.max(hypCount, 1);
  const recall = overlap / Math.max(refCount, 1);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function rougeN(hyp: readonly string[], ref: readonly string[], n: number): RougeScore {
  const hypCounts = ngramCounts(hyp, n);
  const refCounts = ngramCounts(ref, n);
  let overlap = 0;
  for (const [gram, count] of hypCounts) overlap += Math.min(count, refCounts.get(gram) ?? 0);
  return score(overlap, Math.max(0, hyp.length - n + 1), Math.max(0, ref.length - n + 1));
}

export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Bit-parallel LCS (Hyyrö 2004): one pass over b updating |a|/32 machine words, instead of the
  // |a|·|b| table; long answers against long references are the common case for open QA.
  const words = Math.ceil(a.length / 32);
  const masks = new Map<string, Uint32Array>();
  for (let i = 0; i < a.length; i++) {
    let mask = masks.get(a[i]);
    if (!mask) masks.set(a[i], (mask = new Uint32Array(words)));
    mask[i >>> 5] |= 1 << (i & 31);
  }
  const v = new Uint32Array(words).fill(0xffffffff);
  for (const token of b) {
    const mask = masks.get(token);
    if (!mask) continue;
    let carry = 0;
    let borrow = 0;
    for (let w = 0; w < words; w++) {
      const vw = v[w];
      const u = (vw & mask[w]) >>> 0;
      const sum = vw + u + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      let diff = vw - u - borrow;
      borrow = diff < 0 ? 1 : 0;
      if (diff < 0) diff += 0x100000000;
      v[w] = ((sum >>> 0) | diff) >>> 0;
    }
  }
  let lcs = 0;
  for (let i = 0; i < a.length; i++) if ((v[i >>> 5] & (1 << (i & 31))) === 0) lcs++;
  return lcs;
}

export function rougeL(hyp: readonly string[], ref: readonly string[]): RougeScore {
  if (hyp.length === 0 || ref.length === 0) return { precision: 0, recall: 0, f1: 0 };
  return score(lcsLength(hyp, ref), hyp.length, ref.length);
}

/**
 * F1 of ROUGE-1/2/L against several references: each metric takes its own best reference, as rouge-score's
 * `score_multi` does. The paper's ChiMed test has two valid reference answers per question, and a hypothesis
 * close to either one is a good answer, so averaging over references would punish it.
 */
export function rougeF1(hyp: readonly string[], refs: readonly (readonly string[])[]): RougeF1 {
  const best: RougeF1 = { rouge1: 0, rouge2: 0, rougeL: 0 };
  for (const ref of refs) {
    best.rouge1 = Math.max(best.rouge1, rougeN(hyp, ref, 1).f1);
    best.rouge2 = Math.max(best.rouge2, rougeN(hyp, ref, 2).f1);
    best.rougeL = Math.max(best.rougeL, rougeL(hyp, ref).f1);
  }
  return best;
}
