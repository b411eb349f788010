import { baselineDisplayName } from "@/lib/providers/baseline";
import { findTask, tasks } from "@/lib/tasks/index";

/** Task kinds the board lists (those with leaderboard metrics), in the registry's order. */
export const TASK_ORDER: readonly string[] = Object.entries(tasks)
  .filter(([, task]) => task.metrics.leaderboard.length > 0)
  .map(([kind]) => kind);

/** The one number per task the "best" fill rule compares: the registry's headline metric. */
export const HEADLINE_METRIC: Record<string, string> = Object.fromEntries(
  TASK_ORDER.map((kind) => [kind, findTask(kind)!.metrics.headline]),
);

const ALL_METRICS = ["accuracy", "precision", "recall", "f1", "exact_match", "list_f1", "bleu1", "bleu2", "bleu4", "rouge1", "rouge2", "rougeL", "bits_per_char", "bits_per_byte", "token_perplexity"];
export const metricRank = (metric: string) => {
  const i = ALL_METRICS.indexOf(metric);
  return i === -1 ? ALL_METRICS.length : i;
};
export const taskRank = (task: string) => {
  const i = (TASK_ORDER as readonly string[]).indexOf(task);
  return i === -1 ? TASK_ORDER.length : i;
};

/** The metrics of a measured run the board shows: those of its task that the run has. */
export function boardMetrics(taskKind: string, metrics: Record<string, number> | null): string[] {
  return (findTask(taskKind)?.metrics.leaderboard ?? []).filter((metric) => typeof metrics?.[metric] === "number");
}

/** Baselines are named in the reader's language; other models keep their names. */
export function displayModelName(name: string, provider: string, locale: string): string {
  return provider === "baseline" ? baselineDisplayName(name, locale) : name;
}
