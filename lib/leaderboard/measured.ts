import type { LeaderboardEntry, RunBasis } from "./build";

export interface CompletedRun {
  id: string;
  modelName: string;
  provider: string;
  taskKind: string;
  suiteName: { en: string; zh: string };
  metrics: Record<string, number> | null;
  basis: RunBasis;
}

const leaderboardMetrics: Record<string, string[]> = {
  mcq: ["accuracy"],
  ner: ["f1"],
  open_qa: ["bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
  dialogue: ["bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
};

/** Measured runs as leaderboard entries, in percent like the paper's tables; scales live on the audit page. */
export function measuredEntries(runs: readonly CompletedRun[]): LeaderboardEntry[] {
  return runs.flatMap((run) =>
    (leaderboardMetrics[run.taskKind] ?? [])
      .filter((metric) => typeof run.metrics?.[metric] === "number")
      .map((metric) => ({
        model: run.modelName,
        benchmark: run.suiteName.en,
        task: run.taskKind,
        metric,
        value: run.metrics![metric] * 100,
        origin: "measured" as const,
        source: run.id,
        basis: run.basis,
      })),
  );
}
