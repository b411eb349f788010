import type { Db } from "@/lib/db/client";
import { deleteInactiveRun, getRun, setRunLabel } from "@/lib/db/queries/runs";
import type { Run } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type RunSettingsInput, runSettingsInput } from "./settings";
import { startRun } from "./start-run";

/** The settings a frozen run was started with, as a request: what re-running it on another model asks for. */
export function settingsInputOf(frozen: Record<string, unknown>): RunSettingsInput {
  const keys = Object.keys(runSettingsInput.shape) as (keyof RunSettingsInput)[];
  const input: Record<string, unknown> = {};
  for (const key of keys) if (frozen[key] !== null && frozen[key] !== undefined) input[key] = frozen[key];
  return runSettingsInput.parse(input);
}

/** Starts a run of the same suite with the same settings (sample, seed, prompt…) on another model. */
export async function rerunOnModel(db: Db, id: string, { modelId, label }: { modelId: string; label?: string | null }): Promise<Run> {
  const run = await getRun(db, { id });
  if (!run) throw new AppError("no such run", 404);
  return startRun(db, { modelId, suiteId: run.suiteId, settings: settingsInputOf(run.settings), label: label ?? run.label });
}

export async function relabelRun(db: Db, id: string, label: string | null): Promise<Run> {
  const run = await setRunLabel(db, { id, label: label?.trim() || null });
  if (!run) throw new AppError("no such run", 404);
  return run;
}

/** Deletes a run and its results; a queued or running run must be cancelled first. */
export async function deleteRun(db: Db, id: string): Promise<void> {
  if (await deleteInactiveRun(db, { id })) return;
  const run = await getRun(db, { id });
  if (!run) throw new AppError("no such run", 404);
  throw new AppError(`a ${run.status} run cannot be deleted; cancel it first`, 409);
}
