import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { isUuid } from "@/lib/validation/ids";
import type { Db } from "../client";
import { safeJsonText } from "../safe-text";
import { runItems, suiteItems } from "../schema";
import { rowsOf } from "./runs";

export interface ClaimedItem {
  id: number;
  itemId: string;
  sample: number;
}

/**
 * Leases up to `limit` items of a running run: pending ones, or running ones whose lease ran out (their runner
 * died). SKIP LOCKED lets any number of runners share the queue without waiting on each other. The queue index
 * is read in id order and stops after `limit` rows, so a claim costs the same at the start of a long run as at
 * its end; the ids come back as an array so the update looks them up by key instead of joining.
 */
export async function claimRunItems(
  db: Db,
  { runId, owner, limit, leaseSeconds }: { runId: string; owner: string; limit: number; leaseSeconds: number },
): Promise<ClaimedItem[]> {
  const result = await db.execute<{ id: string | number; item_id: string; sample: number }>(sql`
    update run_items set status = 'running', lease_owner = ${owner},
      lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1, updated_at = now()
    where id = any(array(
      select ri.id from run_items ri
      where ri.run_id = ${runId} and ri.status in ('pending', 'running')
        and (ri.status = 'pending' or ri.lease_until < now())
        and (select r.status from runs r where r.id = ${runId}) = 'running'
      order by ri.id
      limit ${limit}
      for update of ri skip locked
    ))
    returning id, item_id, sample`);
  return rowsOf<{ id: string | number; item_id: string; sample: number }>(result)
    .map((r) => ({ id: Number(r.id), itemId: r.item_id, sample: Number(r.sample) }))
    .sort((a, b) => a.id - b.id);
}

export interface ItemResult {
  id: number;
  status: "done" | "error";
  messages: unknown[] | null;
  rawResponse: string | null;
  parsed: unknown;
  outcome: string | null;
  scores: Record<string, unknown> | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cached: boolean;
  error: string | null;
}

/**
 * Writes a batch of results, and the responses to cache, in one statement with one parameter: the batch as a
 * JSON array, unpacked by jsonb_to_recordset. A row that is already done is never written again, so a result
 * computed twice (after a lease expired under a slow runner) is stored once. Text PostgreSQL cannot store
 * (NUL, lone surrogates) is replaced visibly on the way in (safe-text.ts).
 */
export async function saveItemResults(
  db: Db,
  {
    owner,
    results,
    cacheEntries = [],
  }: { owner: string; results: ItemResult[]; cacheEntries?: { key: string; response: Record<string, unknown> }[] },
): Promise<number> {
  if (results.length === 0 && cacheEntries.length === 0) return 0;
  const rows = safeJsonText(JSON.stringify(
    results.map((r) => ({
      id: r.id,
      status: r.status,
      messages: r.messages,
      raw_response: r.rawResponse,
      parsed: r.parsed ?? null,
      outcome: r.outcome,
      scores: r.scores,
      latency_ms: r.latencyMs,
      prompt_tokens: r.promptTokens,
      completion_tokens: r.completionTokens,
      cached: r.cached,
      error: r.error,
    })),
  ));
  const result = await db.execute(sql`
    with cache as (
      insert into response_cache (key, response)
      select key, response from jsonb_to_recordset(${safeJsonText(JSON.stringify(cacheEntries))}::jsonb) as c(key text, response jsonb)
      on conflict (key) do nothing
    )
    update run_items as ri set status = v.status, messages = v.messages, raw_response = v.raw_response,
      parsed = v.parsed, outcome = v.outcome, scores = v.scores, latency_ms = v.latency_ms,
      prompt_tokens = v.prompt_tokens, completion_tokens = v.completion_tokens, cached = v.cached,
      error = v.error, lease_owner = ${owner}, lease_until = null, updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as v(id bigint, status text, messages jsonb, raw_response text,
      parsed jsonb, outcome text, scores jsonb, latency_ms int, prompt_tokens int, completion_tokens int,
      cached boolean, error text)
    where ri.id = v.id and ri.status <> 'done'
    returning ri.id`);
  return rowsOf(result).length;
}

/** Hands a stopping runner's leases back at once instead of letting them expire. */
export async function releaseLeases(db: Db, { owner, ids }: { owner: string; ids: number[] }): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update run_items set status = 'pending', lease_owner = null, lease_until = null, attempts = greatest(attempts - 1, 0)
    where lease_owner = ${owner} and status = 'running'
      and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
}

export async function requeueErrors(db: Db, { runId }: { runId: string }): Promise<number> {
  const result = await db.execute(sql`
    update run_items set status = 'pending', error = null, attempts = 0, lease_owner = null, lease_until = null,
      updated_at = now()
    where run_id = ${runId} and status = 'error'
    returning id`);
  return rowsOf(result).length;
}

export interface RunProgress {
  total: number;
  pending: number;
  running: number;
  done: number;
  errors: number;
  unparsed: number;
  refused: number;
  cached: number;
  /** Distinct suite items with a finished (done or error) row: what the run has covered so far. */
  itemsRun: number;
  promptTokens: number;
  completionTokens: number;
  /** Items finished in the last 30 s, for the rate. */
  recent: number;
}

export async function getRunProgress(db: Db, { runId }: { runId: string }): Promise<RunProgress> {
  const result = await db.execute<Record<string, number | string>>(sql`
    select count(*)::int as total,
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where status = 'running')::int as running,
      count(*) filter (where status = 'done')::int as done,
      count(*) filter (where status = 'error')::int as errors,
      count(*) filter (where outcome = 'unparsed')::int as unparsed,
      count(*) filter (where outcome = 'refused')::int as refused,
      count(*) filter (where cached)::int as cached,
      count(distinct item_id) filter (where status in ('done', 'error'))::int as "itemsRun",
      coalesce(sum(prompt_tokens) filter (where not cached), 0)::bigint as "promptTokens",
      coalesce(sum(completion_tokens) filter (where not cached), 0)::bigint as "completionTokens",
      count(*) filter (where status in ('done', 'error') and updated_at > now() - interval '30 seconds')::int as recent
    from run_items where run_id = ${runId}`);
  const [row] = rowsOf<Record<string, number | string>>(result);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as RunProgress;
}

/** Every finished row of a run with what aggregation needs from its suite item (its subset and scale item number). */
export async function listFinishedRunItems(db: Db, { runId }: { runId: string }) {
  return db
    .select({
      sample: runItems.sample,
      outcome: runItems.outcome,
      parsed: runItems.parsed,
      scores: runItems.scores,
      subset: suiteItems.subset,
      externalId: suiteItems.externalId,
      itemN: sql<number | null>`(${suiteItems.input}->>'n')::int`,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(eq(runItems.runId, runId), eq(runItems.status, "done")))
    .orderBy(asc(runItems.id));
}

export type RunItemFilter = "all" | "wrong" | "error" | "unparsed" | "refused";

export async function listRunItemsPage(
  db: Db,
  {
    runId,
    filter = "all",
    subset,
    offset = 0,
    limit = 50,
  }: { runId: string; filter?: RunItemFilter; subset?: string; offset?: number; limit?: number },
) {
  if (!isUuid(runId)) return { rows: [], total: 0 };
  const conditions: SQL[] = [eq(runItems.runId, runId)];
  if (filter === "error") conditions.push(eq(runItems.status, "error"));
  if (filter === "unparsed") conditions.push(eq(runItems.outcome, "unparsed"));
  if (filter === "refused") conditions.push(eq(runItems.outcome, "refused"));
  if (filter === "wrong") conditions.push(sql`${runItems.status} = 'done' and (${runItems.scores}->>'correct')::float < 1`);
  if (subset) conditions.push(eq(suiteItems.subset, subset));
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: runItems.id,
        sample: runItems.sample,
        status: runItems.status,
        outcome: runItems.outcome,
        rawResponse: runItems.rawResponse,
        parsed: runItems.parsed,
        scores: runItems.scores,
        latencyMs: runItems.latencyMs,
        error: runItems.error,
        cached: runItems.cached,
        externalId: suiteItems.externalId,
        subset: suiteItems.subset,
        gold: suiteItems.gold,
      })
      .from(runItems)
      .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
      .where(where)
      .orderBy(asc(runItems.id))
      .offset(offset)
      .limit(limit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(runItems)
      .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
      .where(where),
  ]);
  return { rows, total: Number(total) };
}

export async function getRunItemDetail(db: Db, { runId, id }: { runId: string; id: number }) {
  if (!isUuid(runId)) return null;
  const [row] = await db
    .select({ item: runItems, suiteItem: suiteItems })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(eq(runItems.runId, runId), eq(runItems.id, id)))
    .limit(1);
  return row ?? null;
}

/** The run's items before and after this one, in queue order (for previous / next links). */
export async function getAdjacentRunItemIds(db: Db, { runId, id }: { runId: string; id: number }) {
  if (!isUuid(runId)) return { previous: null, next: null };
  const result = await db.execute<{ previous: string | number | null; next: string | number | null }>(sql`
    select (select max(id) from run_items where run_id = ${runId} and id < ${id}) as previous,
      (select min(id) from run_items where run_id = ${runId} and id > ${id}) as next`);
  const [row] = rowsOf<{ previous: string | number | null; next: string | number | null }>(result);
  return { previous: row?.previous == null ? null : Number(row.previous), next: row?.next == null ? null : Number(row.next) };
}

export async function listRunSubsets(db: Db, { runId }: { runId: string }): Promise<string[]> {
  if (!isUuid(runId)) return [];
  const rows = await db
    .selectDistinct({ subset: suiteItems.subset })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(eq(runItems.runId, runId))
    .orderBy(asc(suiteItems.subset));
  return rows.map((r) => r.subset).filter((s): s is string => !!s);
}

/** Keeps a live runner's leases from expiring while its requests are still in flight. */
export async function extendLeases(
  db: Db,
  { runId, owner, leaseSeconds }: { runId: string; owner: string; leaseSeconds: number },
): Promise<void> {
  await db.execute(sql`
    update run_items set lease_until = now() + make_interval(secs => ${leaseSeconds})
    where run_id = ${runId} and lease_owner = ${owner} and status = 'running'`);
}

/** Every row of a run with its item's id, input and gold: for exports and for checking a run. */
export async function listRunItemRecords(db: Db, { runId }: { runId: string }) {
  return db
    .select({
      id: runItems.id,
      itemId: runItems.itemId,
      externalId: suiteItems.externalId,
      subset: suiteItems.subset,
      sample: runItems.sample,
      status: runItems.status,
      messages: runItems.messages,
      rawResponse: runItems.rawResponse,
      outcome: runItems.outcome,
      parsed: runItems.parsed,
      scores: runItems.scores,
      error: runItems.error,
      leaseOwner: runItems.leaseOwner,
      input: suiteItems.input,
      gold: suiteItems.gold,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(eq(runItems.runId, runId))
    .orderBy(asc(runItems.id));
}
