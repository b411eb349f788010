import type { Db } from "@/lib/db/client";
import { boardRevision, listBoardSuites, listLeaderboardCells, listReportedForBoard } from "@/lib/db/queries/leaderboard";
import type { LeaderboardFilters } from "./filters";
import { buildLeaderboardView, type LeaderboardView } from "./view";

// A full 12,000-cell view takes about 24 MB of heap (measured): a few views stay in memory, not every filter.
const MAX_VIEWS = 4;
const views = new WeakMap<Db, { revision: string; views: Map<string, LeaderboardView> }>();

/**
 * One filtered, sorted leaderboard view as plain data (no editing state): the home page, the export and a
 * shared view all render this. Aggregation and the choice of run per cell happen in SQL. A built view is kept
 * per database under the board's revision (row versions of what it reads), so it is served again until a run
 * finishes, a pin moves or a model, suite or reported number changes; callers must not mutate it.
 */
export async function loadLeaderboardView(db: Db, filters: LeaderboardFilters, locale = "en"): Promise<LeaderboardView> {
  const revision = await boardRevision(db);
  let memo = views.get(db);
  // Views of an older revision are never served again: dropped at once, they stop weighing on every collection.
  if (memo?.revision !== revision) views.set(db, (memo = { revision, views: new Map() }));
  const key = `${locale}|${JSON.stringify(filters)}`;
  const hit = memo.views.get(key);
  if (hit) {
    memo.views.delete(key);
    memo.views.set(key, hit);
    return hit;
  }
  const view = await buildView(db, filters, locale);
  memo.views.set(key, view);
  if (memo.views.size > MAX_VIEWS) memo.views.delete(memo.views.keys().next().value!);
  return view;
}

async function buildView(db: Db, filters: LeaderboardFilters, locale: string): Promise<LeaderboardView> {
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
