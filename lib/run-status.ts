/**
 * A run's lifecycle, in one pure module below every layer: the schema types its status column with it, the
 * server's run actions and the run page's buttons both ask `runActionsFor`, so they cannot disagree.
 */
/** "importing": an exported run being stored (scripts/import-run.ts, POST /api/runs/import); nothing may act on it. */
export const runStatuses = ["queued", "running", "completed", "completed_with_errors", "cancelled", "failed", "importing"] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Statuses of a run that finished: every item answered or given up on. */
export const FINISHED_STATUSES = ["completed", "completed_with_errors"] as const satisfies readonly RunStatus[];
/** A runner works on (or will pick up) these. */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];
export const CANCELLABLE_STATUSES = ACTIVE_STATUSES;
/**
 * Above this share of errored items a run's headline number is flagged unreliable (until its errors are
 * retried): a few percent of failed requests can move an accuracy by as much as the gap between two models.
 */
export const UNRELIABLE_ERROR_SHARE = 0.05;
/**
 * "running" is resumable because a runner that was killed (a closed CLI, a restarted worker) leaves its run
 * running with nobody on it; resuming re-queues it and the next runner frees the dead leases.
 */
export const RESUMABLE_STATUSES = ["cancelled", "failed", "running"] as const satisfies readonly RunStatus[];

const has = (list: readonly string[], status: string | null | undefined) => !!status && list.includes(status);

export const isRunStatus = (status: string): status is RunStatus => has(runStatuses, status);
export const isFinishedStatus = (status: string | null | undefined) => has(FINISHED_STATUSES, status);
export const isActiveStatus = (status: string | null | undefined) => has(ACTIVE_STATUSES, status);

export interface RunActionsAllowed {
  cancel: boolean;
  resume: boolean;
  retryErrors: boolean;
}

/** What may be done to a run now: the only place that decides it. */
export function runActionsFor({ status, errors }: { status: string; errors: number }): RunActionsAllowed {
  return {
    cancel: has(CANCELLABLE_STATUSES, status),
    resume: has(RESUMABLE_STATUSES, status),
    retryErrors: errors > 0 && !isActiveStatus(status),
  };
}
