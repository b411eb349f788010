import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { getSuite, listAllSuiteItems } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { baselineSupports, isBaselineStrategy } from "@/lib/providers/baseline";
import type { ScaleInput, TaskKind } from "@/lib/suites/types";
import { configHash, type RunSettingsInput, resolveSettings, runSettingsInput, samplesPerItem } from "./settings";

/** Validates a run request, freezes its settings and queues every (item, sample) in one transaction. */
export async function startRun(
  db: Db,
  { modelId, suiteId, settings: rawSettings }: { modelId: string; suiteId: string; settings?: RunSettingsInput },
): Promise<Run> {
  const [model, suite] = await Promise.all([getModel(db, { id: modelId }), getSuite(db, { id: suiteId })]);
  if (!model) throw new AppError(`unknown model "${modelId}"`, 404);
  if (!suite || disabledSuiteIds().has(suiteId)) throw new AppError(`unknown suite "${suiteId}"`, 404);
  const kind = suite.taskKind as TaskKind;
  const input = runSettingsInput.parse(rawSettings ?? {});
  const settings = resolveSettings(kind, input);
  if (model.provider === "baseline") {
    if (!isBaselineStrategy(model.modelId) || !baselineSupports(model.modelId, kind)) {
      throw new AppError(`baseline "${model.name}" does not answer ${kind} suites`);
    }
  } else if (model.provider !== "openai") {
    throw new AppError(`model "${model.name}" runs in the browser; start it from its run page`);
  }
  if (kind === "scale" && settings.instruction === "en") {
    const items = await listAllSuiteItems(db, { suiteId, split: "test" });
    const without = items.filter((i) => !(i.input as ScaleInput).en).length;
    if (without > 0) {
      throw new AppError(`${without} of ${items.length} items of "${suiteId}" have no published English text; use a Chinese instruction`);
    }
  }
  const run = await createRunWithItems(db, {
    modelId: model.id,
    suiteId: suite.id,
    suiteVersion: suite.version,
    settings: settings as unknown as Record<string, unknown>,
    configHash: configHash({ suiteVersion: suite.version, endpoint: model.baseUrl, modelId: model.modelId, settings }),
    limit: settings.limit ?? undefined,
    subsets: settings.subsets ?? undefined,
    samples: samplesPerItem(settings),
  });
  if (!run) throw new AppError("no items match this run's limit and subsets");
  return run;
}
