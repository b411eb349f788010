import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import { type ItemResult, saveItemResults } from "@/lib/db/queries/run-items";
import { safeText } from "@/lib/db/safe-text";
import { isPermanentWriteError, writeErrorReason } from "@/lib/db/errors";

export interface CacheEntry {
  key: string;
  response: Record<string, unknown>;
}

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A write still failing after this long is given up: the run fails and its leases expire. */
  giveUpAfterMs: number;
  /** Once the runner is stopping, how much longer a failing write is retried. */
  stopGraceMs: number;
}

export const DEFAULT_WRITE_RETRY: RetryPolicy = { firstDelayMs: 200, maxDelayMs: 2_000, giveUpAfterMs: 10 * 60_000, stopGraceMs: 3_000 };

export interface ResultWriter {
  add(result: ItemResult, cacheEntry: CacheEntry | null): void;
  /** True while a write is failing and being retried: the runner claims nothing new meanwhile. */
  readonly stalled: boolean;
  /** Writes what is buffered; throws the error of a write that was given up. */
  close(): Promise<void>;
}

// Results are written every `flushRows` rows or after this long, whichever comes first.
const FLUSH_MS = 1000;
const PREVIEW_CHARS = 200;

/**
 * Batches result writes (one UPDATE per batch instead of one per item) and keeps the answers it holds until
 * they are stored: a write that fails because the database is away is retried with backoff, so an answer
 * already paid for is never asked again; a row the database refuses (a value it cannot store) is isolated by
 * splitting the batch and stored as an error with the reason, so one answer can never wedge its run.
 */
export function createResultWriter({
  db,
  owner,
  flushRows,
  onProgress,
  signal,
  retry = DEFAULT_WRITE_RETRY,
  onRetry,
}: {
  db: Db;
  owner: string;
  flushRows: number;
  onProgress?: (p: { written: number }) => void;
  /** Aborted when the runner stops: failing writes then get only `stopGraceMs` more. */
  signal?: AbortSignal;
  retry?: RetryPolicy;
  onRetry?: (error: unknown, attempt: number) => void;
}): ResultWriter {
  let results: ItemResult[] = [];
  let cacheEntries: CacheEntry[] = [];
  let written = 0;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let error: unknown = null;
  let stalled = false;

  async function withRetry(write: () => Promise<unknown>): Promise<void> {
    const started = Date.now();
    let delay = retry.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        stalled = false;
        return;
      } catch (e) {
        if (isPermanentWriteError(e)) throw e;
        if (Date.now() - started >= (signal?.aborted ? retry.stopGraceMs : retry.giveUpAfterMs)) throw e;
        stalled = true;
        onRetry?.(e, attempt);
        await sleep(delay);
        delay = Math.min(delay * 2, retry.maxDelayMs);
      }
    }
  }

  async function persist(rows: ItemResult[], entries: CacheEntry[]): Promise<void> {
    try {
      await withRetry(() => saveItemResults(db, { owner, results: rows, cacheEntries: entries }));
    } catch (e) {
      if (!isPermanentWriteError(e)) throw e;
      if (rows.length > 0 && entries.length > 0) {
        await persist(rows, []);
        await persist([], entries);
      } else if (rows.length + entries.length > 1) {
        const half = Math.ceil(Math.max(rows.length, entries.length) / 2);
        await persist(rows.slice(0, half), entries.slice(0, half));
        await persist(rows.slice(half), entries.slice(half));
      } else if (rows.length === 1) {
        await withRetry(() => saveItemResults(db, { owner, results: [unstorable(rows[0], e)] }));
      }
      // A single cache entry the database refuses is dropped: its answer is stored (or explained) in its row.
    }
  }

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
        await persist(batch, entries);
        written += batch.length;
        onProgress?.({ written });
      } catch (e) {
        error ??= e;
      }
    });
    return chain;
  };

  return {
    add(result, cacheEntry) {
      results.push(result);
      if (cacheEntry) cacheEntries.push(cacheEntry);
      if (results.length >= flushRows) void flush();
      else timer ??= setTimeout(() => void flush(), FLUSH_MS);
    },
    get stalled() {
      return stalled;
    },
    async close() {
      await flush();
      if (error) throw error;
    },
  };
}

/**
 * The row of an answer the database refused: an error with the reason and the start of what the model said;
 * every other value is left out, since any of them may be what was refused.
 */
function unstorable(result: ItemResult, cause: unknown): ItemResult {
  const raw = result.rawResponse ?? "";
  const start = raw.length > PREVIEW_CHARS ? `${raw.slice(0, PREVIEW_CHARS)}…` : raw;
  return {
    ...result,
    status: "error",
    messages: null,
    rawResponse: null,
    parsed: null,
    outcome: null,
    scores: null,
    latencyMs: null,
    promptTokens: null,
    completionTokens: null,
    error: safeText(`the answer could not be stored (${writeErrorReason(cause)})${start ? `; it began: ${start}` : ""}`),
  };
}
