import type { Db } from "@/lib/db/client";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";
import { type LeaderboardView, withoutInternalIds } from "@/lib/leaderboard/view";
import { leaderboardFiltersOf } from "./targets";

export interface SharedLeaderboardView {
  kind: "leaderboard";
  /** The filtered, sorted view as the board shows it now, without run or model ids. */
  view: LeaderboardView;
}

export async function projectLeaderboard(db: Db, target: Record<string, unknown>, locale: string): Promise<SharedLeaderboardView | null> {
  const filters = leaderboardFiltersOf(target);
  if (!filters) return null;
  const view = withoutInternalIds(await loadLeaderboardView(db, filters, locale));
  // The filter menu's list of every suite in this instance is not part of the view shared: keep the ones shown.
  const shown = new Set(view.sections.flatMap((section) => section.columns.map((column) => column.suiteId)));
  return { kind: "leaderboard", view: { ...view, suites: view.suites.filter((suite) => shown.has(suite.id)) } };
}
