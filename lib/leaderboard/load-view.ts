import type { Db } from "@/lib/db/client";
import { listBoardSuites, listLeaderboardCells, listReportedForBoard } from "@/lib/db/queries/leaderboard";
import type { LeaderboardFilters } from "./filters";
import { buildLeaderboardView, type LeaderboardView } from "./view";

/**
 * One filtered, sorted leaderboard view as plain data (no editing state): the home page, the export and a
 * shared view all render this. Aggregation and the choice of run per cell happen in SQL.
 */
export async function loadLeaderboardView(db: Db, filters: LeaderboardFilters, locale = "en"): Promise<LeaderboardView> {
  const measured = filters.origin !== "reported";
  // Reported numbers belong to no suite of this instance: a suite filter leaves them out.
  const reported = filters.origin !== "measured" && !filters.suite;
  const [cells, reportedRows, suites] = await Promise.all([
    measured ? listLeaderboardCells(db, { fill: filters.fill, task: filters.task, suite: filters.suite, model: filters.model }) : [],
    reported ? listReportedForBoard(db, { task: filters.task, model: filters.model }) : [],
    listBoardSuites(db),
  ]);
  return buildLeaderboardView({ cells, reported: reportedRows, suites, filters, locale });
}
