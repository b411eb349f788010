import type { Db } from "@/lib/db/client";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite, listSuites } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type CliModelTarget, findOrCreateCliModel } from "./cli-model";
import { resumeRun } from "./control";
import { isFinishedStatus } from "@/lib/run-status";
import type { RunSettingsInput } from "./settings";
import { startRun } from "./start-run";

/** Creates a run from command-line choices, naming the valid alternatives when a choice is wrong. */
export async function createCliRun(
  db: Db,
  {
    suiteId,
    target,
    settings,
    scaleFlags,
    label,
  }: { suiteId: string; target: CliModelTarget; settings: RunSettingsInput; scaleFlags: string[]; label?: string },
): Promise<Run> {
  const suite = disabledSuiteIds().has(suiteId) ? null : await getSuite(db, { id: suiteId });
  if (!suite) throw new AppError(`unknown suite "${suiteId}"; valid suites: ${(await validSuiteIds(db)).join(", ")}`);
  if (suite.taskKind !== "scale" && scaleFlags.length > 0) {
    throw new AppError(`${scaleFlags.join(", ")} ${scaleFlags.length === 1 ? "applies" : "apply"} to attitude-scale suites only; "${suiteId}" is ${suite.taskKind}`);
  }
  const model = await findOrCreateCliModel(db, target);
  return startRun(db, { modelId: model.id, suiteId, settings, label });
}

export async function validSuiteIds(db: Db): Promise<string[]> {
  const disabled = disabledSuiteIds();
  return (await listSuites(db)).map((s) => s.id).filter((id) => !disabled.has(id));
}

/**
 * Re-queues an interrupted run (cancelled or failed runs are queued again; executeRun then frees the leases
 * of dead runners on this host). A finished run is returned as it is.
 */
export async function prepareResume(db: Db, { runId, suiteId }: { runId: string; suiteId?: string }): Promise<Run> {
  const run = await getRun(db, { id: runId });
  if (!run) throw new AppError(`no run "${runId}" in this database`);
  if (suiteId && suiteId !== run.suiteId) throw new AppError(`run ${runId} is a run of "${run.suiteId}", not "${suiteId}"`);
  if (isFinishedStatus(run.status) || run.status === "queued") return run;
  return resumeRun(db, runId);
}
