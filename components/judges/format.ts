/** Alpha with its interval, e.g. "0.74 [0.52, 0.88]"; an em dash when undefined. */
export function formatAlpha(alpha: number | null, interval: readonly number[] | null | undefined): string {
  if (alpha === null) return "—";
  return interval ? `${alpha.toFixed(2)} [${interval[0].toFixed(2)}, ${interval[1].toFixed(2)}]` : alpha.toFixed(2);
}

export const formatShare = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(0)}%`);
export const formatMean = (value: number | null) => (value === null ? "—" : value.toFixed(2));
