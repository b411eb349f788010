import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { getRunProgress, listFinishedRunItems } from "@/lib/db/queries/run-items";
import { getRun, saveRunResults } from "@/lib/db/queries/runs";
import { getSuite, listAllSuiteItems, listItemsOfRun } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { aggregateRun } from "./aggregate-run";
import { runCoverage } from "./coverage";
import { runSettingsSchema } from "@/lib/tasks/settings";
import { taskOf } from "@/lib/tasks/index";
import { buildSuiteContext, type SuiteContext } from "@/lib/tasks/context";
import { ensureJiebaSegmenter } from "./word-segmenter";

/** A run's model, suite and the context its items are prepared and scored in. */
export async function loadRunContext(db: Db, run: Run) {
  const [model, suite] = await Promise.all([getModel(db, { id: run.modelId }), getSuite(db, { id: run.suiteId })]);
  if (!model || !suite) throw new Error(`run ${run.id} refers to a missing model or suite`);
  const settings = runSettingsSchema.parse(run.settings);
  if (settings.tokenizer === "jieba") ensureJiebaSegmenter();
  const kind = suite.taskKind;
  const [items, devItems, allItems] = await Promise.all([
    listItemsOfRun(db, { runId: run.id }),
    settings.shots > 0 ? listAllSuiteItems(db, { suiteId: suite.id, split: "dev" }) : Promise.resolve([]),
    taskOf(kind).needsAllItems ? listAllSuiteItems(db, { suiteId: suite.id, split: "test" }) : Promise.resolve(undefined),
  ]);
  const ctx = buildSuiteContext({ suiteId: suite.id, kind, config: suite.config, settings, items, devItems, allItems });
  return { model, suite, settings, ctx };
}

/** Metrics of the run's finished items with its counts, as the run stores them. */
export async function aggregateFinished(db: Db, ctx: SuiteContext, runId: string) {
  const [rows, progress] = await Promise.all([listFinishedRunItems(db, { runId }), getRunProgress(db, { runId })]);
  const { metrics, ci, summary } = aggregateRun(ctx, rows);
  const { errorShare } = runCoverage({ itemsRun: progress.itemsRun, suiteItems: null, done: progress.done, errors: progress.errors });
  return {
    progress,
    metrics,
    ci,
    summary: { ...summary, items: progress.total, done: progress.done, errors: progress.errors, errorShare, cached: progress.cached },
  };
}

/**
 * Stores the metrics of what a cancelled run finished, so its page shows them (marked partial by its coverage).
 * Only while it is still cancelled: a resumed run is aggregated again when it finishes.
 */
export async function savePartialResults(db: Db, runId: string): Promise<void> {
  const run = await getRun(db, { id: runId });
  if (!run || run.status !== "cancelled") return;
  const { ctx } = await loadRunContext(db, run);
  const { progress, metrics, ci, summary } = await aggregateFinished(db, ctx, runId);
  if (progress.done === 0) return;
  await saveRunResults(db, { id: runId, whileStatus: "cancelled", metrics, ci, summary: { ...summary, partialResults: true } });
}
