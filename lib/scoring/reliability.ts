import { mean } from "./bootstrap";

function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (values.length - 1);
}

/**
 * Cronbach's alpha of a respondents × items matrix: k/(k−1) · (1 − Σ var(item) / var(total)), sample
 * variances. Null with fewer than 2 respondents or items, ragged rows, or zero variance of the total.
 */
export function cronbachAlpha(matrix: readonly (readonly number[])[]): number | null {
  const n = matrix.length;
  const k = n > 0 ? matrix[0].length : 0;
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return null;
  const totalVar = sampleVariance(matrix.map((row) => row.reduce((s, v) => s + v, 0)));
  if (!(totalVar > 0)) return null;
  let itemVar = 0;
  for (let j = 0; j < k; j++) itemVar += sampleVariance(matrix.map((row) => row[j]));
  return (k / (k - 1)) * (1 - itemVar / totalVar);
}

/**
 * Answer instability: per item, the fraction of its answers that differ from the item's modal answer, then
 * the mean over items with at least 2 answers (0 = every item always answered the same). Null if none.
 */
export function changeShare(valuesByItem: readonly (readonly number[])[]): number | null {
  const shares: number[] = [];
  for (const values of valuesByItem) {
    if (values.length < 2) continue;
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    shares.push((values.length - Math.max(...counts.values())) / values.length);
  }
  return shares.length > 0 ? mean(shares) : null;
}

/**
 * Acquiescence: mean agreement value a (1..k) over pro and anti statements together, per-item means first.
 * On a direction-balanced scale (CAMI: 20 pro, 20 anti) a value above (k+1)/2 suggests agreeing regardless
 * of content; MICA-4 is not balanced (10 stigmatising, 6 positive statements), so read it with care there.
 */
export function acquiescence(valuesByItem: readonly (readonly number[])[]): number | null {
  const means = valuesByItem.filter((v) => v.length > 0).map((v) => mean(v));
  return means.length > 0 ? mean(means) : null;
}
