import { localized } from "@/lib/i18n/locale";
import { baselineDisplayName } from "@/lib/providers/baseline";
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
  instruction: ["exact_match", "list_f1", "bleu1", "bleu2", "rouge1", "rouge2", "rougeL"],
};

/** Measured runs as leaderboard entries, in percent like the paper's tables; scales live on the audit page. */
export function measuredEntries(runs: readonly CompletedRun[], locale = "en"): LeaderboardEntry[] {
  return runs.flatMap((run) =>
    (leaderboardMetrics[run.taskKind] ?? [])
      .filter((metric) => typeof run.metrics?.[metric] === "number")
      .map((metric) => ({
        model: run.provider === "baseline" ? baselineDisplayName(run.modelName, locale) : run.modelName,
        benchmark: localized(run.suiteName, locale),
        task: run.taskKind,
        metric,
        value: run.metrics![metric] * 100,
        origin: "measured" as const,
        source: run.id,
        basis: run.basis,
      })),
  );
}
