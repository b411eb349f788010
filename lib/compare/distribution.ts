export interface DistributionBin {
  /** Lower edge of the bin (right/wrong kinds: 0 and 1; scales: each answered value). */
  from: number;
  to: number;
  /** Items per run in this bin, in the order of the runs. */
  counts: number[];
}

const BINS = 10;

/**
 * Histogram of per-item headline scores for each run on shared bins: two bins (wrong, right) for multiple
 * choice, one per answered value for a scale, ten equal bins over [0, 1] otherwise. Unscored items are left out.
 */
export function distributionOf(kind: string, scoresByRun: readonly (readonly (number | null)[])[]): DistributionBin[] {
  if (kind === "mcq") return binned(scoresByRun, [[0, 0], [1, 1]], (v) => (v >= 1 ? 1 : 0));
  if (kind === "scale") {
    const values = [...new Set(scoresByRun.flat().filter((v): v is number => v !== null))].sort((x, y) => x - y);
    return binned(scoresByRun, values.map((v) => [v, v]), (v) => values.indexOf(v));
  }
  if (kind === "perplexity") {
    // Bits per character have no fixed range: ten equal bins between the lowest and highest document.
    const values = scoresByRun.flat().filter((v): v is number => v !== null);
    if (values.length === 0) return [];
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const width = (hi - lo) / BINS || 1;
    const edges = Array.from({ length: BINS }, (_, i) => [lo + i * width, lo + (i + 1) * width] as [number, number]);
    return binned(scoresByRun, edges, (v) => Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / width))));
  }
  const edges = Array.from({ length: BINS }, (_, i) => [i / BINS, (i + 1) / BINS] as [number, number]);
  return binned(scoresByRun, edges, (v) => Math.min(BINS - 1, Math.max(0, Math.floor(v * BINS))));
}

function binned(
  scoresByRun: readonly (readonly (number | null)[])[],
  edges: [number, number][],
  binOf: (value: number) => number,
): DistributionBin[] {
  const bins = edges.map(([from, to]) => ({ from, to, counts: scoresByRun.map(() => 0) }));
  scoresByRun.forEach((scores, run) => {
    for (const v of scores) if (v !== null) bins[binOf(v)].counts[run]++;
  });
  return bins;
}
