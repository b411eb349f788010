import { type AggregateItem, type MetricPlan, metricPlan, metricsOf, toMatrix } from "./benchmark-aggregate";
import { quantile } from "./bootstrap";
import type { BenchmarkKind } from "./item-score";
import { createResampler } from "./random";

/**
 * Two-sided exact McNemar test: under the null the b + c discordant pairs split as Binomial(b + c, 1/2).
 * p = min(1, 2 · P(X ≤ min(b, c))). Terms are summed in log space so 50,000 discordant pairs do not overflow.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let logTerm = -n * Math.LN2;
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

export interface PairedOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

export interface PairedDifference {
  /** Metric of run A, of run B, and B − A on the paired items. */
  a: number;
  b: number;
  difference: number;
  /** Percentile bootstrap interval of the difference. */
  ci: [number, number];
  pValue: number;
  test: "mcnemar" | "bootstrap";
}

/**
 * Two-sided bootstrap p-value from the resampled differences: twice the smaller share on either side of zero,
 * with the +1 correction so a finite number of resamples never claims p = 0.
 */
export function bootstrapPValue(differences: ArrayLike<number>): number {
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < differences.length; i++) {
    if (differences[i] <= 0) atOrBelow++;
    if (differences[i] >= 0) atOrAbove++;
  }
  return Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (differences.length + 1));
}

/**
 * Paired bootstrap: every resample draws item indices once and evaluates both runs on the same draw, so the
 * spread of B − A reflects only how the runs differ item by item. `dataA`/`dataB` are row-major matrices of the
 * plan's width, row i of both being the same item.
 */
export function pairedBootstrap(
  plan: Pick<MetricPlan, "width" | "metrics">,
  dataA: Float64Array,
  dataB: Float64Array,
  n: number,
  { resamples = 1000, confidence = 0.95, seed = 20231111 }: PairedOptions = {},
): Record<string, Omit<PairedDifference, "test">> {
  if (n === 0) return {};
  const a = metricsOf(plan as MetricPlan, dataA, n);
  const b = metricsOf(plan as MetricPlan, dataB, n);
  const names = Object.keys(a).filter((name) => name in b);
  const resampler = createResampler(seed);
  const drawn = new Int32Array(n);
  const w = plan.width;
  const sumsA = new Float64Array(w);
  const sumsB = new Float64Array(w);
  const diffs = names.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    if (w === 1) {
      // Right/wrong items (and means) have one column: drawn and summed in one loop, the same sums in the same order.
      [sumsA[0], sumsB[0]] = resampler.pairSums(n, dataA, dataB);
    } else {
      resampler.indices(n, drawn);
      sumsA.fill(0);
      sumsB.fill(0);
      for (let i = 0; i < n; i++) {
        const base = drawn[i] * w;
        for (let c = 0; c < w; c++) {
          sumsA[c] += dataA[base + c];
          sumsB[c] += dataB[base + c];
        }
      }
    }
    const ma = plan.metrics(sumsA, n);
    const mb = plan.metrics(sumsB, n);
    names.forEach((name, k) => {
      diffs[k][r] = mb[name] - ma[name];
    });
  }
  const alpha = (1 - confidence) / 2;
  const out: Record<string, Omit<PairedDifference, "test">> = {};
  names.forEach((name, k) => {
    const finite = Array.from(diffs[k]).filter(Number.isFinite);
    const sorted = finite.sort((x, y) => x - y);
    out[name] = {
      a: a[name],
      b: b[name],
      difference: b[name] - a[name],
      ci: sorted.length ? [quantile(sorted, alpha), quantile(sorted, 1 - alpha)] : [Number.NaN, Number.NaN],
      pValue: sorted.length ? bootstrapPValue(sorted) : Number.NaN,
    };
  });
  return out;
}

const meanPlan: Pick<MetricPlan, "width" | "metrics"> = { width: 1, metrics: (s, n) => ({ mean: s[0] / n }) };

/** Paired bootstrap of the difference of two means (scale item values, or any per-item score). */
export function pairedMeanDifference(pairs: readonly (readonly [number, number])[], opts: PairedOptions = {}): PairedDifference | null {
  if (pairs.length === 0) return null;
  const result = pairedBootstrap(
    meanPlan,
    Float64Array.from(pairs, (p) => p[0]),
    Float64Array.from(pairs, (p) => p[1]),
    pairs.length,
    opts,
  ).mean;
  return { ...result, test: "bootstrap" };
}

/** Metrics whose per-item value is right (1) or wrong (0): their p-value is McNemar's. */
const ZERO_ONE_METRIC: Record<string, string> = { accuracy: "correct", exact_match: "exactMatch" };

/**
 * Every metric of a benchmark kind compared on paired items: the difference and its paired-bootstrap interval,
 * and the p-value of McNemar's exact test for right/wrong metrics, of the paired bootstrap for the rest.
 */
export function pairedBenchmark(
  kind: BenchmarkKind,
  pairs: readonly { a: AggregateItem; b: AggregateItem }[],
  opts: PairedOptions = {},
): Record<string, PairedDifference> {
  const plan = metricPlan(kind);
  const boot = pairedBootstrap(plan, toMatrix(plan, pairs.map((p) => p.a)), toMatrix(plan, pairs.map((p) => p.b)), pairs.length, opts);
  const out: Record<string, PairedDifference> = {};
  for (const [name, result] of Object.entries(boot)) {
    const field = ZERO_ONE_METRIC[name];
    if (!field) {
      out[name] = { ...result, test: "bootstrap" };
      continue;
    }
    const value = (it: AggregateItem) => (it.outcome === "unparsed" ? 0 : Number(it.scores[field] ?? 0) >= 1 ? 1 : 0);
    let onlyA = 0;
    let onlyB = 0;
    for (const { a, b } of pairs) {
      const [va, vb] = [value(a), value(b)];
      if (va > vb) onlyA++;
      else if (vb > va) onlyB++;
    }
    out[name] = { ...result, pValue: mcnemarExact(onlyA, onlyB), test: "mcnemar" };
  }
  return out;
}

export interface Agreement {
  /** Items scored in both runs. */
  n: number;
  /** Same item score in both runs; for right/wrong scores split into both right and both wrong. */
  same: number;
  bothRight: number;
  bothWrong: number;
  /** A scored higher than B ("A right, B wrong" for accuracy), and the reverse. */
  aBetter: number;
  bBetter: number;
}

/** Counts of items on which two runs agree and disagree, from each item's headline score. */
export function agreement(pairs: readonly (readonly [number | null, number | null])[]): Agreement {
  const out: Agreement = { n: 0, same: 0, bothRight: 0, bothWrong: 0, aBetter: 0, bBetter: 0 };
  for (const [a, b] of pairs) {
    if (a === null || b === null) continue;
    out.n++;
    if (Math.abs(a - b) < 1e-12) {
      out.same++;
      if (a >= 1) out.bothRight++;
      else if (a <= 0) out.bothWrong++;
    } else if (a > b) out.aBetter++;
    else out.bBetter++;
  }
  return out;
}
