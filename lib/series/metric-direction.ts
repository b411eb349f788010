import { findTask } from "@/lib/tasks/index";

/** Metrics where less is better (perplexity suites, losses); a task may also say so of its headline metric. */
const LOWER_IS_BETTER = new Set(["bits_per_char", "bits_per_byte", "token_perplexity", "perplexity", "loss", "eval_loss"]);

export function isLowerBetter(metric: string, kind?: string): boolean {
  const task = kind ? findTask(kind) : undefined;
  const flag = (task?.metrics as { lowerIsBetter?: boolean } | undefined)?.lowerIsBetter;
  if (flag !== undefined && task?.metrics.headline === metric) return flag;
  return LOWER_IS_BETTER.has(metric);
}

/** The number a series or lineage shows for a run of this kind: the kind's headline, else the run's first metric. */
export function headlineOf(kind: string, metrics: Record<string, number> | null): string {
  return findTask(kind)?.metrics.headline ?? Object.keys(metrics ?? {})[0] ?? "accuracy";
}
