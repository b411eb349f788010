import { createHash } from "node:crypto";
import { and, asc, eq, ilike, ne, type SQL, sql } from "drizzle-orm";
import type { FillRule } from "@/lib/validation/leaderboard";
import { headlineLowerIsBetter, tasks } from "@/lib/tasks/index";
import { FINISHED_STATUSES, UNRELIABLE_ERROR_SHARE } from "@/lib/run-status";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { leaderboardPins, models, reportedResults, suites } from "../schema";
import { rowsOf } from "./runs";

/** One cell of the board: a model, a suite, its dataset version and the comparable settings (runs.board_profile). */
const fingerprintExpr = sql`md5(r.suite_version || '|' || r.board_profile)`;
// Literals, not parameters: the planner matches them against the partial index runs_board_cell_idx.
const finishedList = FINISHED_STATUSES.map((status) => `'${status}'`).join(", ");
const finished = sql.raw(`r.status in (${finishedList})`);
const unrankedExpr = sql`(coalesce(r.item_count, r.total) < coalesce(r.suite_item_count, r.item_count, r.total)
  or coalesce((r.summary ->> 'errors')::float8, 0)
    / nullif(coalesce((r.summary ->> 'done')::int, 0) + coalesce((r.summary ->> 'errors')::int, 0), 0) > ${UNRELIABLE_ERROR_SHARE})`;
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

// "created_at desc nulls last" (the column is never null) so that "latest" follows runs_board_cell_idx without a sort.
const fillOrder: Record<FillRule, SQL> = {
  latest: sql`r.finished_at desc nulls last, r.created_at desc nulls last, r.id`,
  best: sql`${unrankedExpr}, ${headlineExpr} desc nulls last, r.finished_at desc nulls last, r.id`,
  pinned: sql`exists (select 1 from leaderboard_pins p where p.run_id = r.id) desc, r.finished_at desc nulls last, r.created_at desc nulls last, r.id`,
};

/** The metrics a task shows on the board; a picked run's numbers travel as one float array (value, low, high per metric). */
const boardMetricsOf = (kind: string) => [...(tasks[kind as keyof typeof tasks]?.metrics.leaderboard ?? [])];
const boardNumbersExpr = sql`case s.task_kind ${sql.join(
  Object.keys(tasks)
    .filter((kind) => boardMetricsOf(kind).length > 0)
    .map(
      (kind) =>
        sql`when ${kind}::text then array[${sql.join(
          boardMetricsOf(kind).map((m) => sql.raw(`(r.metrics ->> '${m}')::float8, (r.ci -> '${m}' ->> 0)::float8, (r.ci -> '${m}' ->> 1)::float8`)),
          sql`, `,
        )}]`,
    ),
  sql` `,
)} end`;

/**
 * One row per leaderboard cell (model × suite × dataset version × comparable settings), the run that fills it
 * chosen in SQL by the fill rule; runs never leave the database otherwise. Scale suites live on the audit pages.
 * The cell rows stay narrow (ids and numbers): 200 models × 30 suites is 12,000 of them, and names, which
 * repeat, are read once from the models and suites tables.
 */
export async function listLeaderboardCells(db: Db, query: CellQuery): Promise<LeaderboardCellRow[]> {
  const where = [sql`${finished}`];
  if (query.suite) where.push(sql`r.suite_id = ${query.suite}`);
  if (query.model) where.push(sql`r.model_id in (select id from models where name ilike ${likePattern(query.model)})`);
  const suiteWhere = [sql`s.task_kind <> 'scale'`];
  if (query.task) suiteWhere.push(sql`s.task_kind = ${query.task}`);
  const cell = sql`r.model_id, r.suite_id, r.suite_version, r.board_profile`;
  const [result, modelRows, suiteRows] = await Promise.all([
    db.execute(sql`
      with picked as (
        select run_id, runs_in_cell from (
          select r.id as run_id, r.suite_id, row_number() over (partition by ${cell} order by ${fillOrder[query.fill]}) as rank,
            count(*) over (partition by ${cell}) as runs_in_cell
          from runs r ${query.fill === "best" ? sql`join suites s on s.id = r.suite_id` : sql``}
          where ${sql.join(where, sql` and `)}
        ) ranked
        where rank = 1 and suite_id in (select s.id from suites s where ${sql.join(suiteWhere, sql` and `)})
      )
      select r.id as run_id, r.model_id, r.suite_id, r.suite_version, r.board_profile as profile, ${boardNumbersExpr} as numbers,
        coalesce(r.item_count, r.total) as items_run, coalesce(r.suite_item_count, r.item_count, r.total) as suite_items,
        coalesce((r.summary ->> 'done')::int, 0) as done, coalesce((r.summary ->> 'errors')::int, 0) as errors,
        r.finished_at::text as finished_at, k.runs_in_cell::int as runs_in_cell,
        exists (select 1 from leaderboard_pins p where p.run_id = r.id) as pinned
      from picked k join runs r on r.id = k.run_id join suites s on s.id = r.suite_id`),
    db.select({ id: models.id, name: models.name, provider: models.provider }).from(models),
    db.select({ id: suites.id, name: suites.name, taskKind: suites.taskKind, version: suites.version }).from(suites),
  ]);
  const modelById = new Map(modelRows.map((m) => [m.id, m]));
  const suiteById = new Map(suiteRows.map((s) => [s.id, { ...s, boardMetrics: boardMetricsOf(s.taskKind) }]));
  // A board has a handful of (version, settings) pairs: each hashed once, not once per cell.
  const fingerprints = new Map<string, string>();
  const fingerprintOf = (cell: string) => {
    let hash = fingerprints.get(cell);
    if (hash === undefined) fingerprints.set(cell, (hash = createHash("md5").update(cell).digest("hex")));
    return hash;
  };
  return rowsOf<Record<string, unknown>>(result).map((row) => {
    const model = modelById.get(row.model_id as string)!;
    const suite = suiteById.get(row.suite_id as string)!;
    const suiteVersion = row.suite_version as string;
    const profile = row.profile as string;
    const { metrics, ci } = boardNumbers(suite.boardMetrics, numbersOf(row.numbers));
    return {
      runId: row.run_id as string,
      modelId: model.id,
      modelName: model.name,
      provider: model.provider,
      suiteId: suite.id,
      suiteName: suite.name,
      taskKind: suite.taskKind,
      suiteVersion,
      currentVersion: suiteVersion === suite.version,
      profile,
      fingerprint: fingerprintOf(`${suiteVersion}|${profile}`),
      metrics,
      ci,
      itemsRun: Number(row.items_run),
      suiteItems: Number(row.suite_items),
      done: Number(row.done),
      errors: Number(row.errors),
      finishedAt: (row.finished_at as string | null) ?? null,
      runsInCell: Number(row.runs_in_cell),
      pinned: row.pinned as boolean,
    };
  });
}

/** The float array of boardNumbersExpr back as the run's board metrics and their intervals (absent ones left out). */
function boardNumbers(names: readonly string[], numbers: (number | null)[]) {
  const metrics: Record<string, number> = {};
  const ci: Record<string, [number, number]> = {};
  for (let i = 0; i < names.length; i++) {
    const [value, low, high] = [numbers[i * 3], numbers[i * 3 + 1], numbers[i * 3 + 2]];
    if (value !== null && value !== undefined) metrics[names[i]] = value;
    if (low !== null && low !== undefined && high !== null && high !== undefined) ci[names[i]] = [low, high];
  }
  return { metrics, ci };
}

/**
 * float8[] comes back as numbers from postgres.js, with NaN for its NULL elements; PGlite may hand over strings or
 * the array literal. jsonb cannot hold NaN, so NaN here always means "absent".
 */
function numbersOf(value: unknown): (number | null)[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => v === null || (typeof v === "number" && !Number.isNaN(v)))) return value;
  const list = typeof value === "string" ? value.replace(/^\{|\}$/g, "").split(",") : (value as unknown[]);
  return list.map((v) => (v === null || v === "NULL" || Number.isNaN(Number(v)) ? null : Number(v)));
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

/** count and a sum of (key, row version) hashes: any insert, update or delete in the table's rows changes it. */
const versionsOf = (table: string, key: string, where = "true") =>
  sql.raw(`(select count(*) || ':' || coalesce(sum(hashtext(${key}::text || ':' || xmin::text)), 0) from ${table} where ${where})`);

/**
 * The row versions of everything a board view reads (finished runs, pins, models, suites, reported numbers):
 * equal revisions mean an equal board, so a view built once can be served again. One narrow scan, no jsonb.
 */
export async function boardRevision(db: Db): Promise<string> {
  const result = await db.execute(sql`select ${sql.join(
    [
      versionsOf("runs", "id", `status in (${finishedList})`),
      versionsOf("leaderboard_pins", "run_id"),
      versionsOf("models", "id"),
      versionsOf("suites", "id"),
      versionsOf("reported_results", "id"),
    ],
    sql` || '/' || `,
  )} as revision`);
  return String(rowsOf<{ revision: string }>(result)[0].revision);
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
