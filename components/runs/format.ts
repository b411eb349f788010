import { findTask, tasks } from "@/lib/tasks/index";

/** Benchmark metrics are fractions shown as percent; attitude-scale metrics are on the scale's own units. */
export function formatMetric(value: number | undefined | null, taskKind: string): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return "—";
  return findTask(taskKind)?.metrics.display === "plain" ? value.toFixed(2) : `${(value * 100).toFixed(2)}%`;
}

export function formatInterval(ci: [number, number] | undefined, taskKind: string): string {
  if (!ci) return "—";
  return `${formatMetric(ci[0], taskKind)} – ${formatMetric(ci[1], taskKind)}`;
}

/** The number a runs list shows for each task kind. */
export const keyMetric: Record<string, string> = Object.fromEntries(Object.values(tasks).map((t) => [t.kind, t.metrics.headline]));

export function splitSeconds(total: number): { m: number; s: number } {
  const rounded = Math.max(0, Math.round(total));
  return { m: Math.floor(rounded / 60), s: rounded % 60 };
}

/** Short, one-line text of a value for a table cell; the full value is on the item page. */
export function compactJson(value: unknown, max = 80): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
