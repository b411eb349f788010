import { bleuFromTotals } from "./bleu";
import { quantile } from "./bootstrap";
import { type BenchmarkKind, BLEU_MAX_N, type ItemOutcome, type ItemScores, NER_TYPE_PREFIX } from "./item-score";
import { prf } from "./ner-metrics";
import { createRng } from "./random";

export interface AggregateItem {
  subset?: string;
  outcome: ItemOutcome;
  scores: ItemScores;
}

export interface BenchmarkAggregate {
  /**
   * Fractions in [0, 1]. mcq: accuracy; ner: precision, recall, f1; open_qa/dialogue: bleu1/2/4, rouge1/2/L;
   * instruction: those and exact_match, with a list delimiter also list_precision, list_recall, list_f1.
   */
  metrics: Record<string, number>;
  /** 95% percentile bootstrap interval per metric, resampling items. */
  ci: Record<string, [number, number]>;
  /** Per subset the kind's metrics; for ner, per entity type id {precision, recall, f1}. */
  bySubset: Record<string, Record<string, number>>;
  /** 95% intervals of the per-subset (for NER per-type) metrics. */
  bySubsetCi: Record<string, Record<string, [number, number]>>;
  n: number;
  unparsed: number;
}

export interface AggregateOptions {
  seed?: number;
  resamples?: number;
}

/** Items become rows of numbers once; every metric is a function of the column sums of a resample. */
export interface MetricPlan {
  width: number;
  row: (item: AggregateItem) => ArrayLike<number>;
  metrics: (sums: Float64Array, n: number) => Record<string, number>;
}

const num = (v: number | number[] | undefined): number => (typeof v === "number" ? v : 0);
const vec = (v: number | number[] | undefined, len: number): number[] =>
  Array.from({ length: len }, (_, i) => (Array.isArray(v) ? (v[i] ?? 0) : 0));

const plans: Record<BenchmarkKind, MetricPlan> = {
  mcq: {
    width: 1,
    // Unparsed is wrong whatever the stored score says: the letter was never read.
    row: (it) => [it.outcome === "unparsed" ? 0 : num(it.scores.correct)],
    metrics: (s, n) => ({ accuracy: s[0] / n }),
  },
  ner: {
    width: 3,
    row: (it) => [num(it.scores.tp), num(it.scores.fp), num(it.scores.fn)],
    metrics: (s) => {
      const { precision, recall, f1 } = prf({ tp: s[0], fp: s[1], fn: s[2] });
      return { precision, recall, f1 };
    },
  },
  open_qa: generationPlan(),
  dialogue: generationPlan(),
  instruction: instructionPlan(),
};

/** Generation metrics plus exact match and, where items carry list counts, micro precision/recall/F1 of elements. */
function instructionPlan(): MetricPlan {
  const base = generationPlan();
  return {
    width: base.width + 5,
    row: (it) => [
      ...Array.from(base.row(it)),
      num(it.scores.exactMatch),
      ...vec(it.scores.listMatches, 3),
      Array.isArray(it.scores.listMatches) ? 1 : 0,
    ],
    metrics: (s, n) => {
      const w = base.width;
      const out: Record<string, number> = { ...base.metrics(s, n), exact_match: s[w] / n };
      if (s[w + 4] > 0) {
        const { precision, recall, f1 } = prf({ tp: s[w + 1], fp: s[w + 2], fn: s[w + 3] });
        Object.assign(out, { list_precision: precision, list_recall: recall, list_f1: f1 });
      }
      return out;
    },
  };
}

function generationPlan(): MetricPlan {
  const N = BLEU_MAX_N;
  return {
    width: 5 + 2 * N,
    row: (it) => [
      num(it.scores.rouge1),
      num(it.scores.rouge2),
      num(it.scores.rougeL),
      ...vec(it.scores.bleuMatches, N),
      ...vec(it.scores.bleuTotals, N),
      num(it.scores.hypLen),
      num(it.scores.refLen),
    ],
    metrics: (s, n) => {
      const bleu = (order: number) =>
        bleuFromTotals(s.subarray(3, 3 + N), s.subarray(3 + N, 3 + 2 * N), s[3 + 2 * N], s[4 + 2 * N], order);
      return { bleu1: bleu(1), bleu2: bleu(2), bleu4: bleu(4), rouge1: s[0] / n, rouge2: s[1] / n, rougeL: s[2] / n };
    },
  };
}

/** How a kind's items become rows of numbers and its metrics a function of their column sums (paired tests reuse it). */
export function metricPlan(kind: BenchmarkKind): MetricPlan {
  return plans[kind];
}

export function toMatrix(plan: MetricPlan, items: readonly AggregateItem[]): Float64Array {
  const data = new Float64Array(items.length * plan.width);
  items.forEach((it, i) => data.set(plan.row(it), i * plan.width));
  return data;
}

export function metricsOf(plan: MetricPlan, data: Float64Array, n: number): Record<string, number> {
  const sums = new Float64Array(plan.width);
  for (let i = 0; i < n; i++) for (let c = 0; c < plan.width; c++) sums[c] += data[i * plan.width + c];
  return plan.metrics(sums, n);
}

/** Draws indices exactly as `bootstrapInterval` does, so an interval matches it for the same seed. */
function bootstrapAll(plan: MetricPlan, data: Float64Array, n: number, names: string[], { seed = 20231111, resamples = 1000 }: AggregateOptions) {
  const rng = createRng(seed);
  const stats = names.map(() => new Float64Array(resamples));
  const sums = new Float64Array(plan.width);
  const w = plan.width;
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const base = Math.floor(rng() * n) * w;
      for (let c = 0; c < w; c++) sums[c] += data[base + c];
    }
    const m = plan.metrics(sums, n);
    names.forEach((name, k) => {
      stats[k][r] = m[name];
    });
  }
  const ci: Record<string, [number, number]> = {};
  names.forEach((name, k) => {
    const sorted = Array.from(stats[k].sort());
    ci[name] = [quantile(sorted, 0.025), quantile(sorted, 0.975)];
  });
  return ci;
}

function nerByType(items: readonly AggregateItem[]): Record<string, Record<string, number>> {
  const counts: Record<string, [number, number, number]> = {};
  for (const it of items) {
    for (const [key, value] of Object.entries(it.scores)) {
      if (!key.startsWith(NER_TYPE_PREFIX)) continue;
      const acc = (counts[key.slice(NER_TYPE_PREFIX.length)] ??= [0, 0, 0]);
      vec(value, 3).forEach((v, i) => {
        acc[i] += v;
      });
    }
  }
  const out: Record<string, Record<string, number>> = {};
  for (const [type, [tp, fp, fn]] of Object.entries(counts)) out[type] = { ...prf({ tp, fp, fn }) };
  return out;
}

export function aggregateBenchmark(
  kind: BenchmarkKind,
  items: readonly AggregateItem[],
  opts: AggregateOptions = {},
): BenchmarkAggregate {
  const n = items.length;
  const unparsed = items.filter((it) => it.outcome === "unparsed").length;
  if (n === 0) return { metrics: {}, ci: {}, bySubset: {}, bySubsetCi: {}, n, unparsed };
  const plan = plans[kind];
  const data = toMatrix(plan, items);
  const metrics = metricsOf(plan, data, n);
  const ci = bootstrapAll(plan, data, n, Object.keys(metrics), opts);

  let bySubset: Record<string, Record<string, number>> = {};
  const bySubsetCi: Record<string, Record<string, [number, number]>> = {};
  if (kind === "ner") {
    bySubset = nerByType(items);
    // Per type, every item is a unit with that type's (tp, fp, fn), zero where the item has none of it.
    for (const type of Object.keys(bySubset)) {
      const typed = items.map((it) => {
        const [tp, fp, fn] = vec(it.scores[NER_TYPE_PREFIX + type], 3);
        return { outcome: it.outcome, scores: { tp, fp, fn } };
      });
      bySubsetCi[type] = bootstrapAll(plan, toMatrix(plan, typed), n, ["precision", "recall", "f1"], opts);
    }
  } else {
    const groups = new Map<string, AggregateItem[]>();
    for (const it of items) {
      if (it.subset === undefined) continue;
      const group = groups.get(it.subset);
      if (group) group.push(it);
      else groups.set(it.subset, [it]);
    }
    for (const [subset, group] of groups) {
      const groupData = toMatrix(plan, group);
      bySubset[subset] = metricsOf(plan, groupData, group.length);
      bySubsetCi[subset] = bootstrapAll(plan, groupData, group.length, Object.keys(bySubset[subset]), opts);
    }
  }
  return { metrics, ci, bySubset, bySubsetCi, n, unparsed };
}
