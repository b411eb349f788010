import { COMPARED_SETTINGS, type ComparisonData, loadComparison } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import type { Db } from "@/lib/db/client";
import { comparisonTarget } from "./targets";

export interface SharedComparisonView {
  kind: "comparison";
  /** The comparison as its page shows it, with each run's id replaced by its letter and only the compared settings. */
  data: ComparisonData;
}

/** A shared comparison: aggregates, paired tests, agreement and chart data of the runs, never their ids. */
export async function projectComparison(db: Db, target: Record<string, unknown>, locale: string): Promise<SharedComparisonView | null> {
  const parsed = comparisonTarget.safeParse(target);
  if (!parsed.success) return null;
  const result = await loadComparison(db, parsed.data.runIds, locale);
  if (!result.ok) return null;
  const keep = new Set<string>(COMPARED_SETTINGS);
  return {
    kind: "comparison",
    data: {
      ...result.data,
      runs: result.data.runs.map((run, i) => ({
        ...run,
        id: runLetter(i),
        settings: Object.fromEntries(Object.entries(run.settings).filter(([name]) => keep.has(name))),
      })),
    },
  };
}
