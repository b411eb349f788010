/**
 * What a run's number stands on: how much of its suite it covered and how many of its items errored. Pure and
 * free of server imports: the run page, the leaderboard, the CLI and the API all judge a run with these.
 */
import { UNRELIABLE_ERROR_SHARE } from "@/lib/run-status";

export { FINISHED_STATUSES, isFinishedStatus, UNRELIABLE_ERROR_SHARE } from "@/lib/run-status";

export interface RunCoverage {
  /** Distinct suite items with a finished result (answered or errored). */
  itemsRun: number;
  /** Test items of the suite when the run was created. */
  suiteItems: number;
  /** itemsRun / suiteItems. */
  coverage: number;
  /** The run did not cover the whole suite (a sample, some subsets, or stopped early). */
  partial: boolean;
  /** Errored rows / finished rows. */
  errorShare: number;
  /** errorShare above UNRELIABLE_ERROR_SHARE. */
  unreliable: boolean;
}

export function runCoverage({
  itemsRun,
  suiteItems,
  done,
  errors,
}: {
  itemsRun: number;
  /** Null for runs created before coverage was recorded: their items are all there is to go by. */
  suiteItems: number | null;
  done: number;
  errors: number;
}): RunCoverage {
  const of = suiteItems ?? itemsRun;
  const finished = done + errors;
  const errorShare = finished > 0 ? errors / finished : 0;
  return {
    itemsRun,
    suiteItems: of,
    coverage: of > 0 ? itemsRun / of : 0,
    partial: itemsRun < of,
    errorShare,
    unreliable: errorShare > UNRELIABLE_ERROR_SHARE,
  };
}

/** The coverage of a finished run from what it stored: every queued item is finished, its counts are in the summary. */
export function finishedRunBasis(run: {
  itemCount: number | null;
  suiteItemCount: number | null;
  total: number;
  summary: Record<string, unknown> | null;
}): RunCoverage {
  const count = (key: string) => (typeof run.summary?.[key] === "number" ? (run.summary[key] as number) : 0);
  return runCoverage({ itemsRun: run.itemCount ?? run.total, suiteItems: run.suiteItemCount, done: count("done"), errors: count("errors") });
}
