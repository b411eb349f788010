/**
 * Corpus BLEU as NLTK's `corpus_bleu` computes it (uniform weights, no smoothing), split into per-item
 * sufficient statistics so a bootstrap can resample items by summing numbers instead of re-counting n-grams.
 */
export interface BleuStats {
  /** Clipped n-gram matches for n = 1..maxN. */
  matches: number[];
  /** Hypothesis n-gram counts for n = 1..maxN, at least 1 each (NLTK's `max(1, …)` denominator). */
  totals: number[];
  hypLen: number;
  /** Length of the reference closest to hypLen, ties to the shorter one. */
  refLen: number;
}

export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // U+0001 cannot occur in a token, so joined keys are unambiguous.
    const key = tokens.slice(i, i + n).join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function closestRefLength(refLengths: readonly number[], hypLen: number): number {
  let best = refLengths[0];
  for (const len of refLengths) {
    const d = Math.abs(len - hypLen);
    const bestD = Math.abs(best - hypLen);
    if (d < bestD || (d === bestD && len < best)) best = len;
  }
  return best;
}

export function bleuStats(hyp: readonly string[], refs: readonly (readonly string[])[], maxN = 4): BleuStats {
  if (refs.length === 0) throw new Error("bleuStats needs at least one reference");
  const matches: number[] = [];
  const totals: number[] = [];
  for (let n = 1; n <= maxN; n++) {
    const hypCounts = ngramCounts(hyp, n);
    const refCounts = refs.map((ref) => ngramCounts(ref, n));
    let matched = 0;
    let total = 0;
    for (const [gram, count] of hypCounts) {
      let maxRef = 0;
      for (const rc of refCounts) maxRef = Math.max(maxRef, rc.get(gram) ?? 0);
      matched += Math.min(count, maxRef);
      total += count;
    }
    matches.push(matched);
    totals.push(Math.max(1, total));
  }
  return {
    matches,
    totals,
    hypLen: hyp.length,
    refLen: closestRefLength(
      refs.map((r) => r.length),
      hyp.length,
    ),
  };
}

/** BLEU from corpus sums; `n` orders with weight 1/n each. */
export function bleuFromTotals(
  matches: ArrayLike<number>,
  totals: ArrayLike<number>,
  hypLen: number,
  refLen: number,
  n: number,
): number {
  if (n < 1 || n > matches.length) throw new Error(`BLEU order ${n} needs stats up to ${n}-grams`);
  // NLTK returns exactly 0 for no unigram match and ~1e-77 (log of float min) for a higher-order zero;
  // both are reported as 0 here.
  for (let i = 0; i < n; i++) if (matches[i] === 0) return 0;
  let logSum = 0;
  for (let i = 0; i < n; i++) logSum += Math.log(matches[i] / totals[i]) / n;
  const bp = hypLen > refLen ? 1 : hypLen === 0 ? 0 : Math.exp(1 - refLen / hypLen);
  return bp * Math.exp(logSum);
}

export function corpusBleuFromStats(stats: readonly BleuStats[], n: number): number {
  const matches = new Array<number>(n).fill(0);
  const totals = new Array<number>(n).fill(0);
  let hypLen = 0;
  let refLen = 0;
  for (const s of stats) {
    if (s.matches.length < n) throw new Error(`BLEU order ${n} needs stats up to ${n}-grams`);
    for (let i = 0; i < n; i++) {
      matches[i] += s.matches[i];
      totals[i] += s.totals[i];
    }
    hypLen += s.hypLen;
    refLen += s.refLen;
  }
  if (stats.length === 0) return 0;
  return bleuFromTotals(matches, totals, hypLen, refLen, n);
}

export function corpusBleu(
  hyps: readonly (readonly string[])[],
  refsList: readonly (readonly (readonly string[])[])[],
  n = 4,
): number {
  if (hyps.length !== refsList.length) throw new Error("hyps and refsList differ in length");
  return corpusBleuFromStats(
    hyps.map((hyp, i) => bleuStats(hyp, refsList[i], n)),
    n,
  );
}
