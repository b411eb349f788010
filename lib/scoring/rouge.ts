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
  // Comparing interned ids instead of strings makes the O(|a|·|b|) table several times faster on long answers.
  const ids = new Map<string, number>();
  const intern = (tokens: readonly string[]) =>
    Int32Array.from(tokens, (t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1));
  const x = intern(a);
  const y = intern(b);
  let prev = new Uint32Array(y.length + 1);
  let curr = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const up = prev[j];
      const left = curr[j - 1];
      curr[j] = xi === y[j - 1] ? prev[j - 1] + 1 : up > left ? up : left;
    }
    const done = prev;
    prev = curr;
    curr = done;
  }
  return prev[y.length];
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
