import { findTask } from "@/lib/tasks/index";

/** The number a series or lineage shows for a run of this kind: the kind's headline, else the run's first metric. */
export function headlineOf(kind: string, metrics: Record<string, number> | null): string {
  return findTask(kind)?.metrics.headline ?? Object.keys(metrics ?? {})[0] ?? "accuracy";
}
