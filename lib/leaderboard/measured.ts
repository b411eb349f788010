import { localized } from "@/lib/i18n/locale";
import { baselineDisplayName } from "@/lib/providers/baseline";
import { findTask } from "@/lib/tasks/index";
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

/** Measured runs as leaderboard entries, in percent like the paper's tables; scales live on the audit page. */
export function measuredEntries(runs: readonly CompletedRun[], locale = "en"): LeaderboardEntry[] {
  return runs.flatMap((run) =>
    (findTask(run.taskKind)?.metrics.leaderboard ?? [])
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
