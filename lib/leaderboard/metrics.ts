import { baselineDisplayName } from "@/lib/providers/baseline";

/** The metrics a task shows on the board, in the paper's order (percent, like its tables). */
export const LEADERBOARD_METRICS: Record<string, readonly string[]> = {
  mcq: ["accuracy"],
  ner: ["f1"],
  open_qa: ["bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
  dialogue: ["bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
  instruction: ["exact_match", "list_f1", "bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
};

/** The one number per task the "best" fill rule compares. */
export const HEADLINE_METRIC: Record<string, string> = {
  mcq: "accuracy",
  ner: "f1",
  open_qa: "rougeL",
  dialogue: "rougeL",
  // As the runs list shows it (components/runs/format.ts keyMetric).
  instruction: "rougeL",
};

export const TASK_ORDER = ["mcq", "ner", "open_qa", "dialogue", "instruction"] as const;

const ALL_METRICS = ["accuracy", "precision", "recall", "f1", "exact_match", "list_f1", "bleu1", "bleu2", "bleu4", "rouge1", "rouge2", "rougeL"];
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
  return (LEADERBOARD_METRICS[taskKind] ?? []).filter((metric) => typeof metrics?.[metric] === "number");
}

/** Baselines are named in the reader's language; other models keep their names. */
export function displayModelName(name: string, provider: string, locale: string): string {
  return provider === "baseline" ? baselineDisplayName(name, locale) : name;
}
