import type { Db } from "@/lib/db/client";
import { requeueErrors } from "@/lib/db/queries/run-items";
import { getRun, setRunStatus } from "@/lib/db/queries/runs";
import { AppError } from "@/lib/errors";
import { CANCELLABLE_STATUSES, RESUMABLE_STATUSES } from "@/lib/run-status";
import { savePartialResults } from "./run-context";

/**
 * Stops a run: runners see the status, abort their requests and hand their leases back. What it finished is
 * aggregated at once (a runner that writes more later aggregates again), so its page shows partial results.
 */
export async function cancelRun(db: Db, id: string) {
  const run = await setRunStatus(db, { id, status: "cancelled", from: CANCELLABLE_STATUSES });
  if (!run) throw new AppError(await whyNot(db, id, "cancelled"), 409);
  await savePartialResults(db, id);
  return run;
}

/** Puts a cancelled, failed or interrupted run back in the queue; finished items are kept. */
export async function resumeRun(db: Db, id: string) {
  const run = await setRunStatus(db, { id, status: "queued", from: RESUMABLE_STATUSES, error: null });
  if (!run) throw new AppError(await whyNot(db, id, "resumed"), 409);
  return run;
}

/** Re-queues only the items that ended in an error, and the run with them. */
export async function retryRunErrors(db: Db, id: string) {
  if (!(await getRun(db, { id }))) throw new AppError("no such run", 404);
  const requeued = await requeueErrors(db, { runId: id });
  if (requeued > 0) await setRunStatus(db, { id, status: "queued", error: null });
  return { requeued };
}

async function whyNot(db: Db, id: string, verb: string): Promise<string> {
  const run = await getRun(db, { id });
  return run ? `a ${run.status} run cannot be ${verb}` : "no such run";
}

/** The run actions the API offers, by the last segment of their path. */
export const runActions = { cancel: cancelRun, resume: resumeRun, "retry-errors": retryRunErrors } as const;
