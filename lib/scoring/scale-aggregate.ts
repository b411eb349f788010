import type { ScaleDefinition } from "../suites/scales";
import { bootstrapInterval, type Interval } from "./bootstrap";
import { acquiescence, changeShare, cronbachAlpha } from "./reliability";
import {
  biasOfResolved,
  itemScorer,
  resolveAnswers,
  subscalesOfResolved,
  type MissingMode,
  type ResolvedAnswer,
  type ScaleAnswer,
  type ScoringKey,
} from "./scale-score";
import { type ResponsePatterns, responsePatterns, type SubscaleBasis, subscaleBasis } from "./scale-quality";

export interface ScaleAggregateOptions {
  key: ScoringKey;
  missing: MissingMode;
  /** The option order changed between administrations (shuffled): position and meaning can be told apart. */
  orderVaries?: boolean;
  seed?: number;
  resamples?: number;
}

export interface ScaleCounts {
  administrations: number;
  parsed: number;
  refused: number;
  unparsed: number;
  imputed: number;
  itemsWithoutAnswer: number;
}

export interface ScaleAggregate {
  /** Keys: bias, bias_total, <scale>_<subscale> (cami_A…), alpha, alpha_<subscale>, refused, unparsed,
   * acquiescence, change_share, bias_greedy. A key is absent when it cannot be computed. */
  metrics: Record<string, number>;
  ci: Record<string, Interval>;
  counts: ScaleCounts;
  /** Labels the caller must show next to the numbers when a paper-compatible option is on. */
  labels: string[];
  /** Items behind each subscale score (pro-rated when fewer than all), response-set and order-effect flags. */
  quality: { subscales: SubscaleBasis[]; patterns: ResponsePatterns };
}

/**
 * Aggregates one model's answers to one scale. Sampled administrations are scored; the greedy pass is
 * reported apart (bias_greedy), or used alone when no sampled ones exist. Bias and subscales follow the
 * missing mode; alpha, acquiescence and change_share use parsed answers only (imputation is not a response).
 * CIs: percentile bootstrap over administration indices (each resample draws whole administrations).
 */
export function aggregateScale(
  scale: ScaleDefinition,
  answers: readonly ScaleAnswer[],
  opts: ScaleAggregateOptions,
): ScaleAggregate {
  const sampled = answers.filter((a) => !a.greedy);
  const greedy = answers.filter((a) => a.greedy);
  const main = sampled.length > 0 ? sampled : greedy;
  const scored = resolveAnswers(scale, main, opts.missing);
  const valid = resolveAnswers(scale, main, "exclude");
  const stigma = itemScorer(scale, "stigma");
  const hasSubscales = scale.subscales.length > 0 && scale.items.every((i) => i.statementDirection);

  const statistics: Record<string, (s: readonly ResolvedAnswer[], v: readonly ResolvedAnswer[]) => number | null> = {
    bias: (s) => biasOfResolved(scale, s, opts.key).mean,
    bias_total: (s) => biasOfResolved(scale, s, opts.key).total,
    acquiescence: (_, v) => acquiescence(valuesByItem(v, (_n, a) => a)),
  };
  if (hasSubscales) {
    for (const sub of scale.subscales) statistics[`${scale.id}_${sub.id}`] = (s) => subscalesOfResolved(scale, s)[sub.id];
  }

  const metrics: Record<string, number> = {};
  const put = (name: string, value: number | null | undefined) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) metrics[name] = value;
  };
  for (const [name, stat] of Object.entries(statistics)) put(name, stat(scored, valid));
  put("alpha", cronbachAlpha(completeRows(valid, scale.items.map((i) => i.n), stigma)));
  if (hasSubscales) {
    for (const sub of scale.subscales) put(`alpha_${sub.id}`, cronbachAlpha(completeRows(valid, sub.items, stigma)));
  }
  put("change_share", changeShare(valuesByItem(valid, (_n, a) => a)));
  const patterns = responsePatterns(main, { orderVaries: opts.orderVaries === true });
  put("same_option_share", patterns.sameOptionShare);
  put("order_effect", patterns.orderEffect);
  const count = (o: ScaleAnswer["outcome"]) => main.filter((a) => a.outcome === o).length;
  if (main.length > 0) {
    put("refused", count("refused") / main.length);
    put("unparsed", count("unparsed") / main.length);
  }
  if (sampled.length > 0 && greedy.length > 0) {
    put("bias_greedy", biasOfResolved(scale, resolveAnswers(scale, greedy, opts.missing), opts.key).mean);
  }

  const ci: Record<string, Interval> = {};
  const scoredBy = groupBySample(scored);
  const validBy = groupBySample(valid);
  const indices = [...new Set(main.map((a) => a.sample))].sort((a, b) => a - b);
  if (indices.length >= 2) {
    for (const [name, stat] of Object.entries(statistics)) {
      if (!(name in metrics)) continue;
      const interval = bootstrapInterval(
        indices,
        (draw) => stat(draw.flatMap((i) => scoredBy.get(i) ?? []), draw.flatMap((i) => validBy.get(i) ?? [])) ?? Number.NaN,
        { seed: opts.seed, resamples: opts.resamples },
      );
      if (interval) ci[name] = interval;
    }
  }

  const labels: string[] = [];
  if (opts.key === "chimed") labels.push("paper-compatible key (chimedScoringKey); for CAMI it mixes subscale directions");
  if (opts.missing === "paper_compatible") labels.push("paper-compatible: refused/unparsed answers imputed as option C");
  return {
    metrics,
    ci,
    counts: {
      administrations: main.length,
      parsed: count("parsed"),
      refused: count("refused"),
      unparsed: count("unparsed"),
      imputed: scored.filter((a) => a.imputed).length,
      itemsWithoutAnswer: biasOfResolved(scale, scored, opts.key).itemsWithoutAnswer,
    },
    labels,
    quality: { subscales: hasSubscales ? subscaleBasis(scale.subscales, new Set(scored.map((a) => a.itemN))) : [], patterns },
  };
}

function groupBySample(answers: readonly ResolvedAnswer[]): Map<number, ResolvedAnswer[]> {
  const out = new Map<number, ResolvedAnswer[]>();
  for (const a of answers) {
    const list = out.get(a.sample);
    if (list) list.push(a);
    else out.set(a.sample, [a]);
  }
  return out;
}

function valuesByItem(answers: readonly ResolvedAnswer[], f: (itemN: number, a: number) => number): number[][] {
  const byItem = new Map<number, number[]>();
  for (const a of answers) {
    const list = byItem.get(a.itemN);
    if (list) list.push(f(a.itemN, a.value));
    else byItem.set(a.itemN, [f(a.itemN, a.value)]);
  }
  return [...byItem.values()];
}

/** Administration indices as respondents: only those with a valid answer to every listed item. */
function completeRows(
  answers: readonly ResolvedAnswer[],
  items: readonly number[],
  f: (itemN: number, a: number) => number,
): number[][] {
  const rows: number[][] = [];
  for (const [, group] of [...groupBySample(answers)].sort(([x], [y]) => x - y)) {
    const byItem = new Map(group.map((a) => [a.itemN, f(a.itemN, a.value)]));
    if (items.every((n) => byItem.has(n))) rows.push(items.map((n) => byItem.get(n) as number));
  }
  return rows;
}
