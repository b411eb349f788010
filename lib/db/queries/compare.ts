import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { headlineLowerIsBetter } from "@/lib/tasks/index";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { comparisonSummaries, models, runItems, runs, suiteItems, suites } from "../schema";
import { rowsOf } from "./runs";

/** Longest raw answer a comparison row carries; the run item's own page shows it whole. */
export const COMPARE_ANSWER_CLIP = 2000;

/** The runs of a comparison with their model and suite, in the order asked for (unknown ids left out). */
export async function listComparedRuns(db: Db, { ids }: { ids: string[] }) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ run: runs, modelName: models.name, provider: models.provider, suiteName: suites.name, taskKind: suites.taskKind, suiteConfig: suites.config })
    .from(runs)
    .innerJoin(models, eq(models.id, runs.modelId))
    .innerJoin(suites, eq(suites.id, runs.suiteId))
    .where(inArray(runs.id, valid));
  return valid.flatMap((id) => rows.filter((r) => r.run.id === id));
}

export interface ScoredRow {
  itemId: string;
  sample: number;
  status: string;
  outcome: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
}

/**
 * What the statistics need of every row of a run, keyed by suite item and sample for pairing, in queue order;
 * nothing else (no join, no answer text), because a comparison of 50,000-item runs reads every row. `parsed`
 * only for scales, whose item score is the answered value. The rows travel as one JSON array parsed once:
 * decoding 50,000 rows column by column took most of a comparison's first open.
 */
export async function listScoredRows(db: Db, { runId, withParsed }: { runId: string; withParsed: boolean }): Promise<ScoredRow[]> {
  if (!isUuid(runId)) return [];
  const result = await db.execute(sql`
    select coalesce(json_agg(json_build_array(item_id, sample, status, outcome, scores${withParsed ? sql`, parsed` : sql``}) order by id), '[]')::text as rows
    from run_items where run_id = ${runId}`);
  const [{ rows }] = rowsOf<{ rows: string }>(result);
  return (JSON.parse(rows) as [string, number, string, string | null, Record<string, unknown> | null, unknown?][]).map(
    ([itemId, sample, status, outcome, scores, parsed]) => ({ itemId, sample, status, outcome, parsed: parsed ?? null, scores }),
  );
}

const alias = (i: number) => sql.raw(`r${i}`);

function numberField(i: number, column: "scores" | "parsed", field: string): SQL {
  const r = alias(i);
  const f = sql.raw(`'${field}'`);
  return sql`(case when jsonb_typeof(${r}.${sql.raw(column)}->${f}) = 'number' then (${r}.${sql.raw(column)}->>${f})::float8 else 0 end)`;
}

/** The per-item headline score of lib/scoring/item-headline.ts, in SQL, so filters run in the database. */
export function headlineScoreSql(kind: string, i: number): SQL {
  const r = alias(i);
  switch (kind) {
    case "mcq":
      return sql`(case when ${r}.status <> 'done' then null when ${r}.outcome = 'unparsed' then 0::float8 else ${numberField(i, "scores", "correct")} end)`;
    case "ner": {
      const [tp, fp, fn] = ["tp", "fp", "fn"].map((f) => numberField(i, "scores", f));
      return sql`(case when ${r}.status <> 'done' then null when ${tp} + ${fp} + ${fn} = 0 then 1::float8
        else 2 * ${tp} / (2 * ${tp} + ${fp} + ${fn}) end)`;
    }
    case "perplexity":
      return sql`(case when ${r}.status = 'done' and ${r}.outcome = 'scored' and ${numberField(i, "scores", "chars")} > 0
        then ${numberField(i, "scores", "nats")} / ln(2) / ${numberField(i, "scores", "chars")} end)`;
    case "scale":
      return sql`(case when ${r}.status = 'done' and ${r}.outcome = 'scored' and jsonb_typeof(${r}.parsed->'value') = 'number'
        then (${r}.parsed->>'value')::float8 end)`;
    default:
      return sql`(case when ${r}.status <> 'done' then null else ${numberField(i, "scores", "rougeL")} end)`;
  }
}

export type ComparisonFilter = "all" | "differ" | "a_better" | "b_better";

export interface ComparisonPageQuery {
  runIds: string[];
  kind: string;
  filter?: ComparisonFilter;
  /** Which two runs (indices into runIds) "A better" and "B better" refer to. */
  a?: number;
  b?: number;
  subset?: string;
  /** One suite item (its uuid): the comparison item's own page. */
  itemId?: string;
  /** Rows after this first-run row id (keyset paging for exports). */
  afterRowId?: number;
  offset?: number;
  limit?: number;
}

export interface ComparisonCell {
  id: number;
  status: string;
  outcome: string | null;
  rawResponse: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  error: string | null;
  score: number | null;
}

export interface ComparisonRow {
  itemId: string;
  sample: number;
  externalId: string;
  subset: string | null;
  input: Record<string, unknown>;
  gold: Record<string, unknown>;
  cells: ComparisonCell[];
}

/**
 * The FROM and WHERE of items present in every run (same suite item, same sample), joined on the unique
 * (run, item, sample) index, with the filter applied in SQL on the per-item headline scores.
 */
function pairedFrom(q: ComparisonPageQuery, withItem: boolean): SQL {
  const { runIds, kind, filter = "all", a = 0, b = 1, subset, itemId } = q;
  const joins = runIds
    .slice(1)
    .map(
      (id, k) =>
        sql` join run_items ${alias(k + 1)} on ${alias(k + 1)}.run_id = ${id} and ${alias(k + 1)}.item_id = r0.item_id and ${alias(k + 1)}.sample = r0.sample`,
    );
  const conditions: SQL[] = [sql`r0.run_id = ${runIds[0]}`];
  const scores = runIds.map((_, i) => headlineScoreSql(kind, i));
  if (filter === "differ") {
    const same = scores.slice(1).map((s) => sql`${scores[0]} is not distinct from ${s}`);
    conditions.push(sql`not (${sql.join(same, sql` and `)})`);
  }
  // "Better" is the lower score where the kind's headline is lower-is-better (perplexity's bits).
  const [better, worse] = headlineLowerIsBetter(kind) ? [b, a] : [a, b];
  if (filter === "a_better") conditions.push(sql`${scores[better]} > ${scores[worse]}`);
  if (filter === "b_better") conditions.push(sql`${scores[worse]} > ${scores[better]}`);
  if (subset) conditions.push(sql`si.subset = ${subset}`);
  if (itemId) conditions.push(sql`r0.item_id = ${itemId}`);
  if (q.afterRowId !== undefined) conditions.push(sql`r0.id > ${q.afterRowId}`);
  // The suite item is joined for the page's columns and a subset filter, not for counting the rest.
  const suiteJoin = withItem || subset ? sql` join suite_items si on si.id = r0.item_id` : sql``;
  return sql`from run_items r0${sql.join(joins, sql``)}${suiteJoin}
    where ${sql.join(conditions, sql` and `)}`;
}

function validQuery(q: ComparisonPageQuery): boolean {
  const n = q.runIds.length;
  return n >= 2 && q.runIds.every(isUuid) && (!q.itemId || isUuid(q.itemId)) && (q.a ?? 0) < n && (q.b ?? 1) < n;
}

/** A page of the per-item side by side, in the first run's queue order, and how many rows the filter keeps. */
export async function listComparisonItemsPage(db: Db, q: ComparisonPageQuery): Promise<{ rows: ComparisonRow[]; total: number }> {
  if (!validQuery(q)) return { rows: [], total: 0 };
  const [rows, count] = await Promise.all([selectRows(db, q), db.execute(sql`select count(*)::int as total ${pairedFrom(q, false)}`)]);
  const [{ total }] = rowsOf<{ total: number | string }>(count);
  return { rows, total: Number(total) };
}

/** Every row the query keeps, a thousand at a time by keyset, so an export never holds a long comparison whole. */
export async function* iterateComparisonRows(db: Db, q: Omit<ComparisonPageQuery, "offset" | "limit" | "afterRowId">) {
  if (!validQuery(q)) return;
  let afterRowId = 0;
  for (;;) {
    const rows = await selectRows(db, { ...q, afterRowId, limit: 1000 });
    yield* rows;
    if (rows.length < 1000) return;
    afterRowId = rows[rows.length - 1].cells[0].id;
  }
}

async function selectRows(db: Db, q: ComparisonPageQuery): Promise<ComparisonRow[]> {
  const columns = q.runIds.map((_, i) => {
    const r = alias(i);
    return sql`${r}.id as ${sql.raw(`id${i}`)}, ${r}.status as ${sql.raw(`status${i}`)}, ${r}.outcome as ${sql.raw(`outcome${i}`)},
      left(${r}.raw_response, ${COMPARE_ANSWER_CLIP}) as ${sql.raw(`raw${i}`)}, ${r}.parsed as ${sql.raw(`parsed${i}`)},
      ${r}.scores as ${sql.raw(`scores${i}`)}, left(${r}.error, 500) as ${sql.raw(`error${i}`)},
      ${headlineScoreSql(q.kind, i)} as ${sql.raw(`score${i}`)}`;
  });
  const page = await db.execute(sql`select r0.item_id, r0.sample, si.external_id, si.subset, si.input, si.gold, ${sql.join(columns, sql`, `)}
      ${pairedFrom(q, true)} order by r0.id offset ${q.offset ?? 0} limit ${q.limit ?? 50}`);
  return rowsOf<Record<string, unknown>>(page).map((row) => ({
    itemId: String(row.item_id),
    sample: Number(row.sample),
    externalId: String(row.external_id),
    subset: (row.subset as string | null) ?? null,
    input: parseJson(row.input) as Record<string, unknown>,
    gold: parseJson(row.gold) as Record<string, unknown>,
    cells: q.runIds.map((_, i) => ({
      id: Number(row[`id${i}`]),
      status: String(row[`status${i}`]),
      outcome: (row[`outcome${i}`] as string | null) ?? null,
      rawResponse: (row[`raw${i}`] as string | null) ?? null,
      parsed: parseJson(row[`parsed${i}`]),
      scores: parseJson(row[`scores${i}`]) as Record<string, unknown> | null,
      error: (row[`error${i}`] as string | null) ?? null,
      score: row[`score${i}`] == null ? null : Number(row[`score${i}`]),
    })),
  }));
}

/** Raw SQL answers jsonb as text on some drivers and as values on others. */
function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The prompts each run sent for one item (templates may differ between runs), for the comparison item page. */
export async function listItemMessages(db: Db, { rowIds }: { rowIds: number[] }) {
  if (rowIds.length === 0) return [];
  return db.select({ id: runItems.id, messages: runItems.messages }).from(runItems).where(inArray(runItems.id, rowIds));
}

/** A comparison summary stored under its key (see comparisonSummaries), parsed; null when none is. */
export async function getStoredComparison(db: Db, key: string): Promise<unknown | null> {
  const [row] = await db.select({ data: comparisonSummaries.data }).from(comparisonSummaries).where(eq(comparisonSummaries.key, key));
  return row ? JSON.parse(row.data) : null;
}

/** Keeps a computed summary; a concurrent first open that stored it already wins (same numbers). */
export async function storeComparison(db: Db, { key, runId, data }: { key: string; runId: string; data: unknown }): Promise<void> {
  await db.insert(comparisonSummaries).values({ key, runId, data: JSON.stringify(data) }).onConflictDoNothing();
}
