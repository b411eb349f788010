import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { safeJsonText } from "../safe-text";
import { type Run, type RunOrigin, runItems, runs, suiteItems } from "../schema";
import type { RunStatus } from "@/lib/run-status";
import type { RunSettings } from "@/lib/tasks/settings";

export interface ExportRow {
  id: number;
  externalId: string;
  subset: string | null;
  sample: number;
  status: string;
  outcome: string | null;
  messages: unknown[] | null;
  rawResponse: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  error: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cached: boolean;
}

/**
 * One page of a run's rows after `afterId`, in queue order: a keyset cursor, so the 1,000th page costs what the
 * first does and an export of any size holds one page in memory.
 */
export async function listRunExportPage(db: Db, { runId, afterId, limit }: { runId: string; afterId: number; limit: number }): Promise<ExportRow[]> {
  return db
    .select({
      id: runItems.id,
      externalId: suiteItems.externalId,
      subset: suiteItems.subset,
      sample: runItems.sample,
      status: runItems.status,
      outcome: runItems.outcome,
      messages: runItems.messages,
      rawResponse: runItems.rawResponse,
      parsed: runItems.parsed,
      scores: runItems.scores,
      error: runItems.error,
      latencyMs: runItems.latencyMs,
      promptTokens: runItems.promptTokens,
      completionTokens: runItems.completionTokens,
      cached: runItems.cached,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(and(eq(runItems.runId, runId), gt(runItems.id, afterId)))
    .orderBy(asc(runItems.id))
    .limit(limit);
}

/** One page of a run's rows in queue order by offset, without counting the run (its `total` says how many). */
export async function listRunRowsAt(db: Db, { runId, offset, limit }: { runId: string; offset: number; limit: number }): Promise<ExportRow[]> {
  return db
    .select({
      id: runItems.id,
      externalId: suiteItems.externalId,
      subset: suiteItems.subset,
      sample: runItems.sample,
      status: runItems.status,
      outcome: runItems.outcome,
      messages: sql<null>`null`,
      rawResponse: runItems.rawResponse,
      parsed: runItems.parsed,
      scores: runItems.scores,
      error: sql<null>`null`,
      latencyMs: runItems.latencyMs,
      promptTokens: runItems.promptTokens,
      completionTokens: runItems.completionTokens,
      cached: runItems.cached,
    })
    .from(runItems)
    .innerJoin(suiteItems, eq(suiteItems.id, runItems.itemId))
    .where(eq(runItems.runId, runId))
    .orderBy(asc(runItems.id))
    .offset(offset)
    .limit(limit);
}

/** The suite's current items with these external ids (retired ones belong to older versions). */
export async function findActiveSuiteItemIds(db: Db, { suiteId, externalIds }: { suiteId: string; externalIds: string[] }) {
  const rows = await db
    .select({ id: suiteItems.id, externalId: suiteItems.externalId })
    .from(suiteItems)
    .where(and(eq(suiteItems.suiteId, suiteId), isNull(suiteItems.retiredAt), inArray(suiteItems.externalId, externalIds)));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

export interface ImportedRunInput {
  modelId: string;
  suiteId: string;
  suiteVersion: string;
  settings: RunSettings;
  configHash: string;
  label: string | null;
  itemCount: number | null;
  suiteItemCount: number | null;
  origin: RunOrigin;
}

/** A run being imported: "importing" is a status no runner claims, so nothing touches it until it is finished. */
export async function insertImportingRun(db: Db, input: ImportedRunInput): Promise<Run> {
  const [run] = await db.insert(runs).values({ ...input, status: "importing" }).returning();
  return run;
}

export interface ImportedItemRow {
  itemId: string;
  sample: number;
  status: "done" | "error";
  outcome: string | null;
  messages: unknown[] | null;
  rawResponse: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  error: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cached: boolean;
}

/** Inserts a batch of finished rows in file order with one parameter (the batch as JSON). */
export async function insertImportedItems(db: Db, { runId, rows }: { runId: string; rows: ImportedItemRow[] }): Promise<void> {
  if (rows.length === 0) return;
  const json = safeJsonText(
    JSON.stringify(
      rows.map((r, ord) => ({
        ord,
        item_id: r.itemId,
        sample: r.sample,
        status: r.status,
        outcome: r.outcome,
        messages: r.messages,
        raw_response: r.rawResponse,
        parsed: r.parsed ?? null,
        scores: r.scores,
        error: r.error,
        latency_ms: r.latencyMs,
        prompt_tokens: r.promptTokens,
        completion_tokens: r.completionTokens,
        cached: r.cached,
      })),
    ),
  );
  await db.execute(sql`
    insert into run_items (run_id, item_id, sample, status, outcome, messages, raw_response, parsed, scores, error,
      latency_ms, prompt_tokens, completion_tokens, cached, attempts)
    select ${runId}::uuid, v.item_id, v.sample, v.status, v.outcome, v.messages, v.raw_response, v.parsed, v.scores,
      v.error, v.latency_ms, v.prompt_tokens, v.completion_tokens, coalesce(v.cached, false), 0
    from jsonb_to_recordset(${json}::jsonb) as v(ord int, item_id uuid, sample int, status text, outcome text,
      messages jsonb, raw_response text, parsed jsonb, scores jsonb, error text, latency_ms int, prompt_tokens int,
      completion_tokens int, cached boolean)
    order by v.ord`);
}

export async function finishImportedRun(
  db: Db,
  {
    id,
    status,
    total,
    metrics,
    ci,
    summary,
    createdAt,
    startedAt,
    finishedAt,
  }: {
    id: string;
    status: RunStatus;
    total: number;
    metrics: Record<string, number>;
    ci: Record<string, [number, number]>;
    summary: Record<string, unknown>;
    createdAt: Date | null;
    startedAt: Date | null;
    finishedAt: Date | null;
  },
): Promise<void> {
  await db
    .update(runs)
    .set({ status, total, metrics, ci, summary, startedAt, finishedAt: finishedAt ?? new Date(), ...(createdAt ? { createdAt } : {}) })
    .where(eq(runs.id, id));
}
