import { formatDifference, formatP } from "@/components/compare/format";
import { formatMetric } from "@/components/runs/format";
import { findTask } from "@/lib/tasks/index";

/** A kind this build knows formats as it always does; another (a perplexity suite's bits) in its own units. */
export function formatStageValue(value: number | null | undefined, taskKind: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return findTask(taskKind) ? formatMetric(value, taskKind) : value.toFixed(3);
}

export function formatStageDifference(value: number, taskKind: string): string {
  if (findTask(taskKind)) return formatDifference(value, taskKind);
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(3)}`;
}

export function formatStageInterval(ci: [number, number] | null, taskKind: string, difference = false): string {
  if (!ci) return "—";
  const f = difference ? formatStageDifference : formatStageValue;
  return `${f(ci[0], taskKind)} … ${f(ci[1], taskKind)}`;
}

export { formatP };
