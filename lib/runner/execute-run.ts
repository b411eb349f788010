import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { getCachedResponses } from "@/lib/db/queries/response-cache";
import {
  type ClaimedItem,
  claimRunItems,
  extendLeases,
  getRunProgress,
  type ItemResult,
  listFinishedRunItems,
  releaseLeases,
  saveItemResults,
} from "@/lib/db/queries/run-items";
import { finishRun, getRun, setRunStatus } from "@/lib/db/queries/runs";
import { getSuite, listAllSuiteItems, listItemsOfRun } from "@/lib/db/queries/suites";
import type { ChatResult } from "@/lib/providers/types";
import type { TaskKind } from "@/lib/suites/types";
import { aggregateRun } from "./aggregate-run";
import { responseCacheKey } from "./cache-key";
import { createModelClient, type ModelClient } from "./model-client";
import type { RunSettings } from "./settings";
import { releaseDeadLocalLeases } from "./owners";
import { buildSuiteContext, type SuiteContext } from "./suite-context";
import { type PreparedRequest, prepareRequest, scoreAnswer } from "./tasks";
import { ensureJiebaSegmenter } from "./word-segmenter";
import { errorSummary } from "@/lib/db/errors";

export interface ExecuteRunOptions {
  db: Db;
  runId: string;
  owner?: string;
  secretKey?: string;
  /** Aborting stops this runner: in-flight requests are cancelled and their leases handed back. */
  signal?: AbortSignal;
  leaseSeconds?: number;
  maxRetries?: number;
  /** Called after each write with this runner's own counts. */
  onProgress?: (progress: { written: number }) => void;
}

export type ExecuteOutcome = "completed" | "cancelled" | "failed" | "stopped" | "waiting";

type Prepared = {
  claimed: ClaimedItem;
  prepared: PreparedRequest;
  key: string | null;
  /** The cached response for this request, when there is one. */
  hit?: ChatResult;
};

// Results are written in batches: every `max(64, concurrency)` rows or after this long, whichever comes first.
const FLUSH_MS = 1000;

/**
 * Works on one run until its queue is empty: claims leased batches, calls the model with the model's
 * concurrency, scores each answer and writes results in batches. Any number of these may work on one run.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<ExecuteOutcome> {
  const { db, runId } = options;
  const owner = options.owner ?? `runner-${randomUUID()}`;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const run = await getRun(db, { id: runId });
  if (!run) throw new Error(`run ${runId} does not exist`);
  if (["completed", "cancelled", "failed"].includes(run.status)) return run.status as ExecuteOutcome;
  const [model, suite] = await Promise.all([getModel(db, { id: run.modelId }), getSuite(db, { id: run.suiteId })]);
  if (!model || !suite) throw new Error(`run ${runId} refers to a missing model or suite`);
  const settings = run.settings as unknown as RunSettings;
  if (settings.tokenizer === "jieba") ensureJiebaSegmenter();
  const concurrency = Math.max(1, settings.concurrency ?? model.concurrency);

  const kind = suite.taskKind as TaskKind;
  const [items, devItems, allItems] = await Promise.all([
    listItemsOfRun(db, { runId }),
    settings.shots > 0 ? listAllSuiteItems(db, { suiteId: suite.id, split: "dev" }) : Promise.resolve([]),
    kind === "scale" ? listAllSuiteItems(db, { suiteId: suite.id, split: "test" }) : Promise.resolve(undefined),
  ]);
  const ctx = buildSuiteContext({ suiteId: suite.id, kind, config: suite.config, settings, items, devItems, allItems });
  let client: ModelClient;
  try {
    client = createModelClient(model, ctx, { secretKey: options.secretKey, concurrency, maxRetries: options.maxRetries });
  } catch (error) {
    await setRunStatus(db, { id: runId, status: "failed", error: errorSummary(error) });
    return "failed";
  }
  await setRunStatus(db, { id: runId, status: "running", from: ["queued", "running"], error: null });
  // Items a killed runner on this host still holds go back to the queue now instead of when their lease ends.
  await releaseDeadLocalLeases(db, { runId });

  const abort = new AbortController();
  // Every in-flight request listens on this one signal; concurrency is the bound, not 10.
  setMaxListeners(0, abort.signal);
  const onStop = () => abort.abort();
  if (options.signal?.aborted) abort.abort();
  options.signal?.addEventListener("abort", onStop, { once: true });
  let cancelled = false;
  const heartbeat = setInterval(() => {
    void (async () => {
      const current = await getRun(db, { id: runId });
      if (current?.status === "cancelled") {
        cancelled = true;
        abort.abort();
      } else {
        await extendLeases(db, { runId, owner, leaseSeconds });
      }
    })().catch(() => {});
  }, Math.max(250, (leaseSeconds * 1000) / 3));

  const writer = createWriter(db, owner, Math.max(64, concurrency), options.onProgress);
  const queue: Prepared[] = [];
  const leased = new Set<number>();
  let inFlight = 0;
  let exhausted = false;
  let failure: unknown = null;

  try {
    await new Promise<void>((resolve) => {
      let claiming = false;
      const pump = () => {
        if (abort.signal.aborted || failure) {
          if (inFlight === 0 && !claiming) resolve();
          return;
        }
        while (inFlight < concurrency && queue.length > 0) launch(queue.shift()!);
        // Claim well ahead: a claim can wait behind a batch write, and the model should never sit idle meanwhile.
        if (!claiming && !exhausted && queue.length < concurrency * 2) {
          claiming = true;
          claimAndPrepare(db, ctx, client, model.params, { runId, owner, leaseSeconds, limit: Math.min(2000, Math.max(64, concurrency * 4)) })
            .then((batch) => {
              if (batch.length === 0) exhausted = true;
              for (const p of batch) leased.add(p.claimed.id);
              queue.push(...batch);
            })
            .catch((error) => {
              failure = error;
            })
            .finally(() => {
              claiming = false;
              pump();
            });
        }
        if (exhausted && inFlight === 0 && queue.length === 0 && !claiming) resolve();
      };
      const launch = (p: Prepared) => {
        inFlight++;
        processItem(ctx, client, p, abort.signal)
          .then((outcome) => {
            if (outcome) {
              writer.add(outcome.result, outcome.cacheEntry);
              leased.delete(p.claimed.id);
            }
          })
          .finally(() => {
            inFlight--;
            pump();
          });
      };
      pump();
    });
    await writer.close();
    if (failure) throw failure;
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener("abort", onStop);
    await writer.close().catch(() => {});
    await releaseLeases(db, { owner, ids: [...leased] }).catch(() => {});
  }

  if (cancelled) return "cancelled";
  if (options.signal?.aborted) return "stopped";
  const progress = await getRunProgress(db, { runId });
  if (progress.pending + progress.running > 0) return "waiting";
  await finalizeRun(db, ctx, runId);
  return "completed";
}

export async function finalizeRun(db: Db, ctx: SuiteContext, runId: string): Promise<void> {
  const [rows, progress] = await Promise.all([listFinishedRunItems(db, { runId }), getRunProgress(db, { runId })]);
  const { metrics, ci, summary } = aggregateRun(ctx, rows);
  await finishRun(db, {
    id: runId,
    metrics,
    ci,
    summary: { ...summary, items: progress.total, done: progress.done, errors: progress.errors, cached: progress.cached },
  });
}

async function claimAndPrepare(
  db: Db,
  ctx: SuiteContext,
  client: ModelClient,
  modelParams: Record<string, unknown>,
  claim: { runId: string; owner: string; leaseSeconds: number; limit: number },
): Promise<Prepared[]> {
  const claimed = await claimRunItems(db, claim);
  const prepared = claimed.map((c): Prepared => {
    const item = ctx.items.get(c.itemId);
    const request: PreparedRequest = item
      ? prepareRequest(ctx, item, c.sample, modelParams)
      : { error: `suite item ${c.itemId} is missing` };
    const key = client.endpoint && "messages" in request ? responseCacheKey(client.endpoint, request) : null;
    return { claimed: c, prepared: request, key };
  });
  const keys = prepared.map((p) => p.key).filter((k): k is string => k !== null);
  const hits = await getCachedResponses(db, { keys });
  for (const p of prepared) {
    const hit = p.key ? hits.get(p.key) : undefined;
    if (hit) p.hit = hit as unknown as ChatResult;
  }
  return prepared;
}

async function processItem(
  ctx: SuiteContext,
  client: ModelClient,
  p: Prepared,
  signal: AbortSignal,
): Promise<{ result: ItemResult; cacheEntry: { key: string; response: Record<string, unknown> } | null } | null> {
  const { claimed, prepared } = p;
  const base = { id: claimed.id, cached: false, promptTokens: null, completionTokens: null, latencyMs: null };
  if ("error" in prepared) {
    return { result: { ...base, ...emptyResult, status: "error", error: prepared.error }, cacheEntry: null };
  }
  const item = ctx.items.get(claimed.itemId)!;
  const request = { messages: prepared.messages, params: prepared.params };
  let response: ChatResult;
  try {
    response = p.hit ?? (await client.answer(request, { item, sample: claimed.sample, presentation: prepared.presentation }, signal));
  } catch (error) {
    if (signal.aborted) return null;
    return {
      result: { ...base, ...emptyResult, messages: request.messages, status: "error", error: (error as Error).message },
      cacheEntry: null,
    };
  }
  try {
    const scored = scoreAnswer(ctx, item, claimed.sample, prepared, response);
    return {
      result: {
        ...base,
        status: "done",
        messages: request.messages,
        rawResponse: response.text,
        parsed: scored.parsed,
        outcome: scored.outcome,
        scores: scored.scores,
        latencyMs: p.hit ? 0 : Math.round(response.latencyMs),
        promptTokens: response.promptTokens,
        completionTokens: response.completionTokens,
        cached: !!p.hit,
        error: null,
      },
      cacheEntry: p.key && !p.hit ? { key: p.key, response: response as unknown as Record<string, unknown> } : null,
    };
  } catch (error) {
    return {
      result: {
        ...base,
        ...emptyResult,
        messages: request.messages,
        rawResponse: response.text,
        status: "error",
        error: `scoring failed: ${(error as Error).message}`,
      },
      cacheEntry: null,
    };
  }
}

const emptyResult = { messages: null, rawResponse: null, parsed: null, outcome: null, scores: null };

/** Batches result writes: one UPDATE per batch instead of one per item. */
function createWriter(db: Db, owner: string, flushRows: number, onProgress?: (p: { written: number }) => void) {
  let results: ItemResult[] = [];
  let cacheEntries: { key: string; response: Record<string, unknown> }[] = [];
  let written = 0;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let error: unknown = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (results.length === 0) return chain;
    const batch = results;
    const entries = cacheEntries;
    results = [];
    cacheEntries = [];
    chain = chain.then(async () => {
      try {
        await saveItemResults(db, { owner, results: batch, cacheEntries: entries });
        written += batch.length;
        onProgress?.({ written });
      } catch (e) {
        error ??= e;
      }
    });
    return chain;
  };

  return {
    add(result: ItemResult, cacheEntry: { key: string; response: Record<string, unknown> } | null) {
      results.push(result);
      if (cacheEntry) cacheEntries.push(cacheEntry);
      if (results.length >= flushRows) void flush();
      else timer ??= setTimeout(() => void flush(), FLUSH_MS);
    },
    async close() {
      await flush();
      if (error) throw error;
    },
  };
}
