import { formatMetric } from "@/components/runs/format";

/** A metric or a difference of it on the kind's own units: percent (points) for benchmarks, raw for scales. */
export function formatDifference(value: number | undefined, taskKind: string): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  const text = formatMetric(Math.abs(value), taskKind);
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${taskKind === "scale" ? text : text.replace("%", " pp")}`;
}

export function formatDiffInterval(ci: [number, number] | undefined, taskKind: string): string {
  if (!ci) return "—";
  return `${formatDifference(ci[0], taskKind)} … ${formatDifference(ci[1], taskKind)}`;
}

export function formatP(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return "—";
  if (p >= 0.001) return p.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  return p.toExponential(1);
}
