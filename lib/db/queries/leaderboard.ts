import { and, asc, eq, ilike, ne, type SQL, sql } from "drizzle-orm";
import type { FillRule } from "@/lib/validation/leaderboard";
import { headlineLowerIsBetter, tasks } from "@/lib/tasks/index";
import { COMPARABLE_SETTINGS, PROTOCOL_PROFILE } from "@/lib/tasks/settings-profile";
import { FINISHED_STATUSES, UNRELIABLE_ERROR_SHARE } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { leaderboardPins, reportedResults, suites } from "../schema";
import { rowsOf } from "./runs";

/** The comparable settings of run `r` joined with "|" (see lib/leaderboard/settings-profile.ts). */
const profileExpr = sql`concat_ws('|', ${sql.join(
  COMPARABLE_SETTINGS.map((name) => sql`coalesce(r.settings ->> ${name}::text, ${PROTOCOL_PROFILE[name]}::text)`),
  sql`, `,
)})`;
/** One cell of the board: a model, a suite, its dataset version and the comparable settings. */
const fingerprintExpr = sql`md5(r.suite_version || '|' || ${profileExpr})`;
const finished = sql`r.status in (${sql.join(
  FINISHED_STATUSES.map((status) => sql`${status}::text`),
  sql`, `,
)})`;
// Signed so that the "best" fill rule's "headline desc" picks the lowest where lower is better (perplexity).
const headlineExpr = sql`(r.metrics ->> (case s.task_kind ${sql.join(
  Object.entries(tasks).map(([kind, task]) => sql`when ${kind}::text then ${task.metrics.headline}::text`),
  sql` `,
)} end))::float8 * (case when s.task_kind in (${sql.join(
  [...Object.keys(tasks).filter((kind) => headlineLowerIsBetter(kind)).map((kind) => sql`${kind}::text`), sql`''::text`],
  sql`, `,
)}) then -1 else 1 end)`;

export interface LeaderboardCellRow {
  runId: string;
  modelId: string;
  modelName: string;
  provider: string;
  suiteId: string;
  suiteName: { en: string; zh: string };
  taskKind: string;
  suiteVersion: string;
  /** The run measured the suite's current dataset version. */
  currentVersion: boolean;
  profile: string;
  fingerprint: string;
  metrics: Record<string, number> | null;
  ci: Record<string, [number, number]> | null;
  itemsRun: number;
  suiteItems: number;
  done: number;
  errors: number;
  finishedAt: string | null;
  /** Finished runs that share this cell; one of them fills it, by the fill rule. */
  runsInCell: number;
  pinned: boolean;
}

export interface CellQuery {
  fill: FillRule;
  task?: string;
  suite?: string;
  /** Part of a model's name, any case. */
  model?: string;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const fillOrder: Record<FillRule, SQL> = {
  latest: sql`finished_at desc nulls last, created_at desc, run_id`,
  best: sql`unranked, headline desc nulls last, finished_at desc nulls last, run_id`,
  pinned: sql`pinned desc, finished_at desc nulls last, created_at desc, run_id`,
};

/**
 * One row per leaderboard cell (model × suite × dataset version × comparable settings), the run that fills it
 * chosen in SQL by the fill rule; runs never leave the database otherwise. Scale suites live on the audit pages.
 */
export async function listLeaderboardCells(db: Db, query: CellQuery): Promise<LeaderboardCellRow[]> {
  const where = [sql`${finished}`, sql`s.task_kind <> 'scale'`];
  if (query.task) where.push(sql`s.task_kind = ${query.task}`);
  if (query.suite) where.push(sql`s.id = ${query.suite}`);
  if (query.model) where.push(sql`m.name ilike ${likePattern(query.model)}`);
  // The run per cell is picked on narrow rows (ids, dates, the headline); the wide columns are read for the picked runs only.
  const result = await db.execute(sql`
    with candidates as (
      select r.id as run_id, r.model_id, r.suite_id, r.suite_version, ${profileExpr} as profile,
        r.finished_at, r.created_at, ${headlineExpr} as headline,
        exists (select 1 from leaderboard_pins p where p.run_id = r.id) as pinned,
        (coalesce(r.item_count, r.total) < coalesce(r.suite_item_count, r.item_count, r.total)
          or coalesce((r.summary ->> 'errors')::float8, 0)
            / nullif(coalesce((r.summary ->> 'done')::int, 0) + coalesce((r.summary ->> 'errors')::int, 0), 0) > ${UNRELIABLE_ERROR_SHARE}) as unranked
      from runs r
      join models m on m.id = r.model_id
      join suites s on s.id = r.suite_id
      where ${sql.join(where, sql` and `)}
    ), picked as (
      select distinct on (model_id, suite_id, suite_version, profile) run_id, profile, pinned,
        count(*) over (partition by model_id, suite_id, suite_version, profile) as runs_in_cell
      from candidates
      order by model_id, suite_id, suite_version, profile, ${fillOrder[query.fill]}
    )
    select r.id as run_id, r.model_id, m.name as model_name, m.provider, r.suite_id, s.name as suite_name, s.task_kind,
      r.suite_version, r.suite_version = s.version as current_version, k.profile,
      md5(r.suite_version || '|' || k.profile) as fingerprint, r.metrics, r.ci,
      coalesce(r.item_count, r.total) as items_run, coalesce(r.suite_item_count, r.item_count, r.total) as suite_items,
      coalesce((r.summary ->> 'done')::int, 0) as done, coalesce((r.summary ->> 'errors')::int, 0) as errors,
      r.finished_at::text as finished_at, k.runs_in_cell::int as runs_in_cell, k.pinned
    from picked k
    join runs r on r.id = k.run_id
    join models m on m.id = r.model_id
    join suites s on s.id = r.suite_id`);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    runId: row.run_id as string,
    modelId: row.model_id as string,
    modelName: row.model_name as string,
    provider: row.provider as string,
    suiteId: row.suite_id as string,
    suiteName: jsonOf(row.suite_name) as { en: string; zh: string },
    taskKind: row.task_kind as string,
    suiteVersion: row.suite_version as string,
    currentVersion: row.current_version as boolean,
    profile: row.profile as string,
    fingerprint: row.fingerprint as string,
    metrics: jsonOf(row.metrics) as Record<string, number> | null,
    ci: jsonOf(row.ci) as Record<string, [number, number]> | null,
    itemsRun: Number(row.items_run),
    suiteItems: Number(row.suite_items),
    done: Number(row.done),
    errors: Number(row.errors),
    finishedAt: (row.finished_at as string | null) ?? null,
    runsInCell: Number(row.runs_in_cell),
    pinned: row.pinned as boolean,
  }));
}

/** jsonb comes back parsed from both drivers, except when a driver hands over the text. */
function jsonOf(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/** The paper's numbers for the board, filtered like the measured cells (they belong to no suite). */
export async function listReportedForBoard(db: Db, query: Pick<CellQuery, "task" | "model">) {
  return db
    .select()
    .from(reportedResults)
    .where(
      and(
        query.task ? eq(reportedResults.task, query.task) : undefined,
        query.model ? ilike(reportedResults.model, likePattern(query.model)) : undefined,
      ),
    )
    .orderBy(asc(reportedResults.task), asc(reportedResults.benchmark), asc(reportedResults.model));
}

/** Suites that can appear on the board, for the filter controls. */
export async function listBoardSuites(db: Db) {
  return db
    .select({ id: suites.id, name: suites.name, taskKind: suites.taskKind })
    .from(suites)
    .where(ne(suites.taskKind, "scale"))
    .orderBy(asc(suites.id));
}

/**
 * Pins a finished run to its cell (replacing the cell's previous pin); null when the run is unknown, not
 * finished, or of a scale suite.
 */
export async function pinRun(db: Db, { runId, by }: { runId: string; by: string }) {
  if (!isUuid(runId)) return null;
  const result = await db.execute(sql`
    insert into leaderboard_pins (model_id, suite_id, fingerprint, run_id, pinned_by)
    select r.model_id, r.suite_id, ${fingerprintExpr}, r.id, ${by}
    from runs r join suites s on s.id = r.suite_id
    where r.id = ${runId} and ${finished} and s.task_kind <> 'scale'
    on conflict (model_id, suite_id, fingerprint)
    do update set run_id = excluded.run_id, pinned_by = excluded.pinned_by, pinned_at = now()
    returning model_id, suite_id, fingerprint, run_id`);
  const [row] = rowsOf<{ model_id: string; suite_id: string; fingerprint: string; run_id: string }>(result);
  return row ? { modelId: row.model_id, suiteId: row.suite_id, fingerprint: row.fingerprint, runId: row.run_id } : null;
}

/** Removes the pin on a run; false when the run was not pinned. */
export async function unpinRun(db: Db, { runId }: { runId: string }): Promise<boolean> {
  if (!isUuid(runId)) return false;
  const rows = await db.delete(leaderboardPins).where(eq(leaderboardPins.runId, runId)).returning({ runId: leaderboardPins.runId });
  return rows.length > 0;
}
