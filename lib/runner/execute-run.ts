import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Db } from "@/lib/db/client";
import { getCachedResponses } from "@/lib/db/queries/response-cache";
import {
  claimRunItems,
  extendLeases,
  getRunProgress,
  type ItemResult,
  releaseLeases,
} from "@/lib/db/queries/run-items";
import { finishRun, getRun, setRunStatus } from "@/lib/db/queries/runs";
import { errorSummary, isPermanentWriteError } from "@/lib/db/errors";
import type { ChatResult } from "@/lib/providers/types";
import { isFinishedStatus } from "@/lib/run-status";
import type { SuiteContext } from "@/lib/tasks/context";
import { type CompletedItem, completeItem, type PreparedItem, prepareItem } from "./item-pipeline";
import { createModelClient, type ModelClient } from "./model-client";
import { releaseDeadLocalLeases } from "./owners";
import { createResultWriter, DEFAULT_WRITE_RETRY, type RetryPolicy } from "./result-writer";
import { aggregateFinished, loadRunContext, savePartialResults } from "./run-context";

export interface ExecuteRunOptions {
  db: Db;
  runId: string;
  owner?: string;
  secretKey?: string;
  /** Aborting stops this runner: in-flight requests are cancelled and their leases handed back. */
  signal?: AbortSignal;
  leaseSeconds?: number;
  maxRetries?: number;
  /** Answers larger than this many bytes are errors (default CHIMED_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
  /** How failing result writes are retried (tests shorten it). */
  writeRetry?: RetryPolicy;
  /** Called each time a result write fails and will be retried (the database is away). */
  onWriteRetry?: (error: unknown, attempt: number) => void;
  /** Called after each write with this runner's own counts. */
  onProgress?: (progress: { written: number }) => void;
}

/** "completed": the run finished (its status says whether with errors). */
export type ExecuteOutcome = "completed" | "cancelled" | "failed" | "stopped" | "waiting";

// How soon a runner waiting for the database (failed claim, stalled writes) looks again.
const CLAIM_RETRY_MS = 500;

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
  if (isFinishedStatus(run.status)) return "completed";
  if (run.status === "cancelled" || run.status === "failed") return run.status;
  const { model, settings, ctx } = await loadRunContext(db, run);
  const concurrency = Math.max(1, settings.concurrency ?? model.concurrency);
  let client: ModelClient;
  try {
    client = createModelClient(model, ctx, {
      secretKey: options.secretKey,
      concurrency,
      maxRetries: options.maxRetries,
      maxAnswerBytes: options.maxAnswerBytes,
    });
    // A model that cannot do what the run needs fails the run once, not every item with the same error.
    await client.preflight?.(options.signal);
  } catch (error) {
    if (options.signal?.aborted) return "stopped";
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

  const writer = createResultWriter({
    db,
    owner,
    flushRows: Math.max(64, concurrency),
    onProgress: options.onProgress,
    signal: abort.signal,
    retry: options.writeRetry,
    onRetry: options.onWriteRetry,
  });
  const queue: PreparedItem[] = [];
  const leased = new Set<number>();
  let inFlight = 0;
  let exhausted = false;
  let failure: unknown = null;
  let claimFailingSince: number | null = null;
  let claimRetryAt = 0;
  let wakeup: NodeJS.Timeout | null = null;

  try {
    await new Promise<void>((resolve) => {
      let claiming = false;
      const pump = () => {
        if (abort.signal.aborted || failure) {
          if (inFlight === 0 && !claiming) resolve();
          return;
        }
        while (inFlight < concurrency && queue.length > 0) launch(queue.shift()!);
        // While results cannot be written (the database is away) nothing new is claimed: the leases of the
        // answers held may lapse meanwhile, and a claim could hand this runner its own unwritten items again.
        const waiting = writer.stalled || claimRetryAt > Date.now();
        if (waiting && !claiming && !wakeup) {
          wakeup = setTimeout(() => {
            wakeup = null;
            pump();
          }, CLAIM_RETRY_MS);
        }
        // Claim well ahead: a claim can wait behind a batch write, and the model should never sit idle meanwhile.
        if (!claiming && !waiting && !exhausted && queue.length < concurrency * 2) {
          claiming = true;
          claimAndPrepare(db, ctx, client, model.params, { runId, owner, leaseSeconds, limit: Math.min(2000, Math.max(64, concurrency * 4)) })
            .then((batch) => {
              claimFailingSince = null;
              if (batch.length === 0) exhausted = true;
              for (const p of batch) leased.add(p.claimed.id);
              queue.push(...batch);
            })
            .catch((error) => {
              // A database that is away is waited for (bounded); anything else ends this runner.
              claimFailingSince ??= Date.now();
              const giveUpMs = (options.writeRetry ?? DEFAULT_WRITE_RETRY).giveUpAfterMs;
              if (isPermanentWriteError(error) || Date.now() - claimFailingSince > giveUpMs) failure = error;
              else claimRetryAt = Date.now() + CLAIM_RETRY_MS;
            })
            .finally(() => {
              claiming = false;
              pump();
            });
        }
        if (exhausted && inFlight === 0 && queue.length === 0 && !claiming) resolve();
      };
      const launch = (p: PreparedItem) => {
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
    if (wakeup) clearTimeout(wakeup);
    options.signal?.removeEventListener("abort", onStop);
    await writer.close().catch(() => {});
    await releaseLeases(db, { owner, ids: [...leased] }).catch(() => {});
  }

  if (cancelled) {
    // This runner's last answers are written now: the cancelled run's partial results include them.
    await savePartialResults(db, runId).catch(() => {});
    return "cancelled";
  }
  if (options.signal?.aborted) return "stopped";
  const progress = await getRunProgress(db, { runId });
  if (progress.pending + progress.running > 0) return "waiting";
  await finalizeRun(db, ctx, runId);
  return "completed";
}

/** Aggregates a run whose queue is empty; any errored item makes it "completed_with_errors". */
export async function finalizeRun(db: Db, ctx: SuiteContext, runId: string): Promise<void> {
  const { progress, ...results } = await aggregateFinished(db, ctx, runId);
  await finishRun(db, { id: runId, status: progress.errors > 0 ? "completed_with_errors" : "completed", ...results });
}

async function claimAndPrepare(
  db: Db,
  ctx: SuiteContext,
  client: ModelClient,
  modelParams: Record<string, unknown>,
  claim: { runId: string; owner: string; leaseSeconds: number; limit: number },
): Promise<PreparedItem[]> {
  const claimed = await claimRunItems(db, claim);
  const prepared = claimed.map((c) => prepareItem(ctx, c, { modelParams, endpoint: client.endpoint }));
  const keys = prepared.map((p) => p.key).filter((k): k is string => k !== null);
  const hits = await getCachedResponses(db, { keys });
  for (const p of prepared) {
    const hit = p.key ? hits.get(p.key) : undefined;
    // The cache holds ChatResults this function wrote; a row of any other shape is asked again.
    if (typeof hit?.text === "string") p.hit = hit as unknown as ChatResult;
  }
  return prepared;
}

/** Asks the model (or the cache) for one prepared item and completes it; null when this runner was stopped. */
async function processItem(ctx: SuiteContext, client: ModelClient, p: PreparedItem, signal: AbortSignal): Promise<CompletedItem | null> {
  const { claimed, request } = p;
  if ("error" in request) return completeItem(ctx, p, { error: request.error });
  if (p.hit) return completeItem(ctx, p, { response: p.hit, cached: true });
  const item = ctx.items.get(claimed.itemId)!;
  try {
    const response = await client.answer(
      { messages: request.messages, params: request.params },
      { item, sample: claimed.sample, presentation: request.presentation },
      signal,
    );
    return completeItem(ctx, p, { response, cached: false });
  } catch (error) {
    if (signal.aborted) return null;
    return completeItem(ctx, p, { error: (error as Error).message });
  }
}
