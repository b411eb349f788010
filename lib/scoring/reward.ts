import { bootstrapInterval, type Interval, mean, quantile } from "./bootstrap";

/** One preference tuple as scored: the reward of each answer. */
export interface RewardPair {
  chosen: number;
  rejected: number;
  category?: string;
}

/** 1 when the chosen answer scores higher, 0.5 on a tie, 0 otherwise: the share of tuples ranked right. */
export function pairCredit({ chosen, rejected }: Pick<RewardPair, "chosen" | "rejected">): number {
  return chosen > rejected ? 1 : chosen === rejected ? 0.5 : 0;
}

export interface MarginSummary {
  /** r(chosen) − r(rejected) at these quantiles; positive margins are right. */
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
  mean: number;
  /** Counts per histogram bin of equal width between min and max. */
  histogram: { from: number; to: number; n: number }[];
}

export interface RewardAggregate {
  accuracy: number;
  ci: Interval | null;
  n: number;
  ties: number;
  byCategory: Record<string, { accuracy: number; n: number; ties: number; ci: Interval | null }>;
  margins: MarginSummary | null;
}

const HISTOGRAM_BINS = 10;

export function summariseMargins(margins: readonly number[]): MarginSummary | null {
  if (margins.length === 0) return null;
  const sorted = [...margins].sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const width = (max - min) / HISTOGRAM_BINS;
  const histogram =
    width > 0
      ? Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, n: 0 }))
      : [{ from: min, to: max, n: 0 }];
  for (const m of sorted) histogram[width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((m - min) / width)) : 0].n++;
  return {
    min,
    p10: quantile(sorted, 0.1),
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p90: quantile(sorted, 0.9),
    max,
    mean: mean(sorted),
    histogram,
  };
}

/** Accuracy with ties as half, a percentile bootstrap interval over tuples, per category and the margins. */
export function aggregateReward(pairs: readonly RewardPair[], { seed }: { seed?: number } = {}): RewardAggregate {
  const credits = pairs.map(pairCredit);
  const accuracyOf = (sample: readonly number[]) => mean(sample);
  const byCategory: RewardAggregate["byCategory"] = {};
  const categories = [...new Set(pairs.map((p) => p.category).filter((c): c is string => c !== undefined))].sort();
  for (const category of categories) {
    const own = pairs.filter((p) => p.category === category).map(pairCredit);
    byCategory[category] = {
      accuracy: mean(own),
      n: own.length,
      ties: own.filter((c) => c === 0.5).length,
      ci: bootstrapInterval(own, accuracyOf, { seed }),
    };
  }
  return {
    accuracy: pairs.length > 0 ? mean(credits) : Number.NaN,
    ci: bootstrapInterval(credits, accuracyOf, { seed }),
    n: pairs.length,
    ties: credits.filter((c) => c === 0.5).length,
    byCategory,
    margins: summariseMargins(pairs.map((p) => p.chosen - p.rejected)),
  };
}

/**
 * A reward scorer's raw answer as the run stores it: both rewards as JSON, so the pipeline that stores and
 * re-scores chat answers stores these too, and a reader sees exactly what the scorer said.
 */
export function formatRewardScores(scores: { chosen: number; rejected: number }): string {
  return JSON.stringify({ chosen: scores.chosen, rejected: scores.rejected });
}

export function parseRewardScores(text: string): { chosen: number; rejected: number } | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) return null;
    const { chosen, rejected } = value as Record<string, unknown>;
    return typeof chosen === "number" && Number.isFinite(chosen) && typeof rejected === "number" && Number.isFinite(rejected)
      ? { chosen, rejected }
      : null;
  } catch {
    return null;
  }
}

/** The length-only reference: each answer's reward is its length in characters (code points). */
export function lengthRewards({ chosen, rejected }: { chosen: string; rejected: string }): { chosen: number; rejected: number } {
  return { chosen: [...chosen].length, rejected: [...rejected].length };
}
