import type { Db } from "@/lib/db/client";
import { listReportedResults } from "@/lib/db/queries/reported-results";
import { listCompletedRuns } from "@/lib/db/queries/runs";
import { buildLeaderboard, type LeaderboardEntry } from "./build";
import { measuredEntries } from "./measured";
import { finishedRunBasis } from "@/lib/runner/coverage";

/** The paper's reported numbers beside every finished run, one table per task; suite names in the reader's language. */
export async function loadLeaderboard(db: Db, locale = "en") {
  const [reported, completed] = await Promise.all([listReportedResults(db), listCompletedRuns(db)]);
  const entries: LeaderboardEntry[] = [
    ...reported.map((r) => ({ ...r, origin: "reported" as const })),
    ...measuredEntries(
      completed.map(({ run, modelName, provider, taskKind, suiteName }) => ({
        id: run.id,
        modelName,
        provider,
        taskKind,
        suiteName,
        metrics: run.metrics,
        basis: finishedRunBasis(run),
      })),
      locale,
    ),
  ];
  return { sections: buildLeaderboard(entries), sources: [...new Set(reported.map((r) => r.source))] };
}
