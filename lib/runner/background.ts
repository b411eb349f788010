import type { Db } from "@/lib/db/client";
import { listClaimableRunIds } from "@/lib/db/queries/runs";
import { executeRun } from "./execute-run";
import { describeForLog } from "@/lib/db/errors";

export interface BackgroundRunner {
  /** Looks for work now instead of at the next tick (after a run is created or resumed). */
  poke(): void;
  stop(): Promise<void>;
}

/**
 * The runner loop shared by the app's in-process runner and `npm run worker`: every run with claimable work
 * gets an executeRun, one at a time per run, until stopped.
 */
export function startBackgroundRunner({
  db,
  owner,
  secretKey,
  intervalMs = 1000,
  onError = (error, runId) => console.error(`[chimed] runner error on run ${runId}:`, describeForLog(error)),
  onOutcome,
}: {
  db: Db;
  owner: string;
  secretKey?: string;
  intervalMs?: number;
  onError?: (error: unknown, runId: string) => void;
  onOutcome?: (runId: string, outcome: string) => void;
}): BackgroundRunner {
  const active = new Map<string, Promise<void>>();
  const stopper = new AbortController();
  let scanning = false;

  const scan = async () => {
    if (scanning || stopper.signal.aborted) return;
    scanning = true;
    try {
      for (const runId of await listClaimableRunIds(db)) {
        if (active.has(runId) || stopper.signal.aborted) continue;
        const work = executeRun({ db, runId, owner, secretKey, signal: stopper.signal })
          .then((outcome) => onOutcome?.(runId, outcome))
          .catch((error) => onError(error, runId))
          .finally(() => active.delete(runId));
        active.set(runId, work);
      }
    } catch (error) {
      onError(error, "-");
    } finally {
      scanning = false;
    }
  };

  const timer = setInterval(() => void scan(), intervalMs);
  timer.unref();
  void scan();
  return {
    poke: () => void scan(),
    async stop() {
      clearInterval(timer);
      stopper.abort();
      await Promise.allSettled(active.values());
    },
  };
}
