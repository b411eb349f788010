import { resolveSettings } from "@/lib/tasks/settings";
import type { Db } from "../client";
import { createRunWithItems, setRunStatus } from "./runs";
import { listRunCandidates } from "./suites";

let runs = 0;

/** Tests' fixture: a running mcq run of every test item of a stored suite (version "v1"), made as the app makes one. */
export async function createRunningRun(db: Db, { modelId, suiteId }: { modelId: string; suiteId: string }): Promise<string> {
  const itemIds = (await listRunCandidates(db, { suiteId })).map((c) => c.id);
  const run = await createRunWithItems(db, {
    modelId,
    suiteId,
    suiteVersion: "v1",
    settings: resolveSettings("mcq", {}),
    configHash: `h${++runs}`,
    itemIds,
    suiteItemCount: itemIds.length,
    samples: 1,
  });
  await setRunStatus(db, { id: run!.id, status: "running" });
  return run!.id;
}
