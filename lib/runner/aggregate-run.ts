import type { SuiteContext } from "@/lib/tasks/context";
import { taskOf } from "@/lib/tasks/index";
import type { FinishedRow, RunAggregate } from "@/lib/tasks/types";

export type { FinishedRow, RunAggregate } from "@/lib/tasks/types";

/** Metrics of a run from its finished rows, by its task kind's aggregate (pure functions of lib/scoring). */
export function aggregateRun(ctx: SuiteContext, rows: readonly FinishedRow[]): RunAggregate {
  return taskOf(ctx.kind).aggregate(ctx, rows);
}
