import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import { getRunProgress } from "@/lib/db/queries/run-items";
import { type ExecuteOutcome, executeRun } from "@/lib/runner/execute-run";
import type { ProgressReporter } from "./progress";
import { createRateMeter } from "./rate";

export interface FollowOptions {
  db: Db;
  runId: string;
  owner: string;
  secretKey?: string;
  signal: AbortSignal;
  reporter: ProgressReporter;
  pollMs: number;
  /** Short, so that the items a killed CLI held are soon claimable by anyone else. */
  leaseSeconds?: number;
}

/**
 * Works on the run in this process until it is finished. When other runners (the app, a worker) hold its last
 * items, waits for them, claiming whatever their leases give up, until someone aggregates the run.
 */
export async function followRun({ db, runId, owner, secretKey, signal, reporter, pollMs, leaseSeconds = 15 }: FollowOptions) {
  const poller = pollProgress(db, runId, reporter, pollMs);
  try {
    for (;;) {
      if (signal.aborted) return "stopped" satisfies ExecuteOutcome;
      const outcome = await executeRun({ db, runId, owner, secretKey, signal, leaseSeconds });
      if (outcome !== "waiting") return outcome;
      await sleep(1000, undefined, { signal }).catch(() => {});
    }
  } finally {
    await poller.stop();
  }
}

/** The rate is this process's own (the run view's counts all time since the run first started, resumes included). */
function pollProgress(db: Db, runId: string, reporter: ProgressReporter, pollMs: number) {
  const meter = createRateMeter();
  let busy: Promise<void> | null = null;
  const tick = async () => {
    const p = await getRunProgress(db, { runId }).catch(() => null);
    if (!p) return;
    const finished = p.done + p.errors;
    const rate = meter.add(finished);
    const remaining = p.total - finished;
    reporter.update({
      total: p.total,
      finished,
      errors: p.errors,
      unparsed: p.unparsed,
      itemsPerSecond: rate,
      etaSeconds: remaining === 0 ? 0 : rate > 0 ? remaining / rate : null,
    });
  };
  const kick = () => {
    busy ??= tick().finally(() => {
      busy = null;
    });
  };
  const timer = setInterval(kick, pollMs);
  kick();
  return {
    async stop() {
      clearInterval(timer);
      await busy;
      await tick();
      reporter.end();
    },
  };
}
