import { bootstrapInterval, type BootstrapOptions, type Interval } from "./bootstrap";

export type AlphaLevel = "nominal" | "ordinal" | "interval";

/**
 * One unit of analysis (an item, a pair): the values its coders gave, missing ones left out. Which coder gave
 * which value does not enter alpha, so a unit is just its list of values.
 */
export type AlphaUnit = readonly number[];

interface Coincidences {
  values: number[];
  /** o[c][k], indexed like `values`. */
  o: number[][];
  /** n_c = Σ_k o[c][k]. */
  marginals: number[];
  total: number;
}

/** Coincidence matrix of Krippendorff (2011) §C: each unit with m ≥ 2 values adds 1/(m − 1) per ordered pair. */
function coincidences(units: readonly AlphaUnit[]): Coincidences {
  const values = [...new Set(units.filter((u) => u.length >= 2).flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i !== j) o[index.get(unit[i])!][index.get(unit[j])!] += 1 / (m - 1);
      }
    }
  }
  const marginals = o.map((row) => row.reduce((s, v) => s + v, 0));
  return { values, o, marginals, total: marginals.reduce((s, v) => s + v, 0) };
}

/** Squared difference δ²(c, k) for the level of measurement, over the value indices of `c`. */
function distance(level: AlphaLevel, { values, marginals }: Coincidences): (c: number, k: number) => number {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (values[c] - values[k]) ** 2;
  return (c, k) => {
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += marginals[g];
    return (between - (marginals[c] + marginals[k]) / 2) ** 2;
  };
}

/**
 * Krippendorff's alpha = 1 − D_o / D_e, any number of coders, missing values allowed (units with fewer than two
 * values are unpairable and ignored). Null when nothing is pairable or every pairable value is the same
 * (D_e = 0: alpha is undefined, not 1).
 */
export function krippendorffAlpha(units: readonly AlphaUnit[], level: AlphaLevel): number | null {
  const co = coincidences(units);
  if (co.total <= 1) return null;
  const delta = distance(level, co);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < co.values.length; c++) {
    for (let k = 0; k < co.values.length; k++) {
      const d = delta(c, k);
      observed += co.o[c][k] * d;
      expected += co.marginals[c] * co.marginals[k] * d;
    }
  }
  if (!(expected > 0)) return null;
  return 1 - ((co.total - 1) * observed) / expected;
}

export interface AlphaEstimate {
  alpha: number | null;
  /** Percentile bootstrap over units (resampled with replacement); null when alpha is. */
  interval: Interval | null;
  /** Units with at least two values: the ones that inform alpha. */
  pairableUnits: number;
  values: number;
}

/** Alpha with a seeded bootstrap interval over the pairable units. */
export function alphaWithInterval(
  units: readonly AlphaUnit[],
  level: AlphaLevel,
  options: BootstrapOptions = {},
): AlphaEstimate {
  const pairable = units.filter((u) => u.length >= 2);
  const alpha = krippendorffAlpha(pairable, level);
  const interval =
    alpha === null
      ? null
      : bootstrapInterval(pairable, (sample) => krippendorffAlpha(sample, level) ?? Number.NaN, {
          resamples: 500,
          ...options,
        });
  return { alpha, interval, pairableUnits: pairable.length, values: pairable.reduce((s, u) => s + u.length, 0) };
}
