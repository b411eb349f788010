import type { SharedMetric } from "./projection";

export interface Bar {
  name: string;
  value: number;
  /** Fractions of the plot width (0..1) where the bar starts and ends and where the interval's whiskers sit. */
  from: number;
  to: number;
  ci: [number, number] | null;
}

/** Headline metrics as bars on one shared axis: 0..1 for benchmark fractions, the values' own span for scales. */
export function headlineBars(metrics: readonly SharedMetric[], taskKind: string, max = 8): { bars: Bar[]; min: number; max: number } {
  const shown = metrics.slice(0, max);
  const values = shown.flatMap((m) => [m.value, ...(m.ci ?? [])]);
  const lo = taskKind === "scale" ? Math.min(0, ...values) : 0;
  const hi = taskKind === "scale" ? Math.max(1e-9, ...values) : Math.max(1, ...values);
  const at = (v: number) => (hi === lo ? 0 : (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo));
  const zero = at(0);
  return {
    min: lo,
    max: hi,
    bars: shown.map((m) => ({
      name: m.name,
      value: m.value,
      from: Math.min(zero, at(m.value)),
      to: Math.max(zero, at(m.value)),
      ci: m.ci ? [at(m.ci[0]), at(m.ci[1])] : null,
    })),
  };
}
