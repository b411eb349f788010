import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { countSuiteItemsBySubset, getSuite, listAllSuiteItems } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { baselineSupports, isBaselineStrategy } from "@/lib/providers/baseline";
import type { ScaleInput, TaskKind } from "@/lib/suites/types";
import { type Caps, checkConcurrency, checkRunSize } from "./caps";
import { configHash, type RunSettingsInput, resolveSettings, runSettingsInput, samplesPerItem } from "./settings";

/** Validates a run request, freezes its settings and queues every (item, sample) in one transaction. */
export async function startRun(
  db: Db,
  { modelId, suiteId, settings: rawSettings }: { modelId: string; suiteId: string; settings?: RunSettingsInput },
  { caps }: { caps?: Caps } = {},
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
  if (caps) {
    checkConcurrency(settings.concurrency, caps);
    checkRunSize(await countRequests(db, suiteId, settings), caps);
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

/** How many requests a run with these settings would queue: the matching test items (up to the limit) × samples. */
async function countRequests(db: Db, suiteId: string, settings: ReturnType<typeof resolveSettings>): Promise<number> {
  const wanted = settings.subsets ? new Set(settings.subsets) : null;
  const items = (await countSuiteItemsBySubset(db, { suiteId }))
    .filter((row) => row.split === "test" && (!wanted || (row.subset !== null && wanted.has(row.subset))))
    .reduce((sum, row) => sum + Number(row.n), 0);
  return Math.min(settings.limit ?? items, items) * samplesPerItem(settings);
}
