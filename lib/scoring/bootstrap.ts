import { createRng } from "./random";

export type Interval = [lo: number, hi: number];

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
}

/**
 * Percentile bootstrap interval of `statistic` over resamples (with replacement) of `units`.
 * Units are whatever is exchangeable for the metric: items for accuracy, (hyp, refs) pairs for corpus BLEU,
 * administrations for scale scores.
 */
export function bootstrapInterval<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number,
  { resamples = 1000, confidence = 0.95, seed = 20231111 }: BootstrapOptions = {},
): Interval | null {
  if (units.length === 0) return null;
  const rng = createRng(seed);
  const stats: number[] = [];
  const sample: T[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rng() * units.length)];
    const value = statistic(sample);
    if (Number.isFinite(value)) stats.push(value);
  }
  if (stats.length === 0) return null;
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return [quantile(stats, alpha), quantile(stats, 1 - alpha)];
}

/** Linear-interpolated quantile of a sorted array. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
