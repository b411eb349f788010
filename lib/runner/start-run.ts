import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { getSuite, listAllSuiteItems, listRunCandidates } from "@/lib/db/queries/suites";
import type { Run } from "@/lib/db/schema";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { baselineSupports, isBaselineStrategy } from "@/lib/providers/baseline";
import type { ScaleInput } from "@/lib/suites/types";
import { taskOf } from "@/lib/tasks/index";
import { type Caps, checkConcurrency, checkRunSize } from "./caps";
import { configHash, type RunSettings, type RunSettingsInput, resolveSettings, runSettingsInput, samplesPerItem } from "./settings";
import { stratifiedSample } from "./stratified-sample";

/** Validates a run request, freezes its settings and queues every (item, sample) in one transaction. */
export async function startRun(
  db: Db,
  {
    modelId,
    suiteId,
    settings: rawSettings,
    label,
  }: { modelId: string; suiteId: string; settings?: RunSettingsInput; label?: string | null },
  { caps }: { caps?: Caps } = {},
): Promise<Run> {
  const [model, suite] = await Promise.all([getModel(db, { id: modelId }), getSuite(db, { id: suiteId })]);
  if (!model) throw new AppError(`unknown model "${modelId}"`, 404);
  if (!suite || disabledSuiteIds().has(suiteId)) throw new AppError(`unknown suite "${suiteId}"`, 404);
  const kind = suite.taskKind;
  const input = runSettingsInput.parse(rawSettings ?? {});
  const settings = resolveSettings(kind, input);
  if (model.provider === "baseline") {
    if (!isBaselineStrategy(model.modelId) || !baselineSupports(model.modelId, kind)) {
      throw new AppError(`baseline "${model.name}" does not answer ${kind} suites`);
    }
  } else if (model.provider !== "openai" && model.provider !== "reward" && model.provider !== "onnx-local" && model.provider !== "browser") {
    throw new AppError(`model "${model.name}" has an unknown provider "${model.provider}"`);
  }
  if (model.provider === "reward" && taskOf(kind).capability !== "reward_score") {
    throw new AppError(`model "${model.name}" is a reward model; it scores reward suites only`);
  }
  if (model.provider === "browser" && taskOf(kind).capability === "reward_score") {
    throw new AppError(`model "${model.name}" runs in the browser and cannot score reward suites`);
  }
  if (model.provider === "onnx-local" && taskOf(kind).capability === "reward_score") {
    throw new AppError(`model "${model.name}" is a chat model on this server; reward suites need a reward model or a judge server`);
  }
  if (kind === "scale" && settings.instruction === "en") {
    const items = await listAllSuiteItems(db, { suiteId, split: "test" });
    const without = items.filter((i) => !(i.input as ScaleInput).en).length;
    if (without > 0) {
      throw new AppError(`${without} of ${items.length} items of "${suiteId}" have no published English text; use a Chinese instruction`);
    }
  }
  if (caps) checkConcurrency(settings.concurrency, caps);
  const itemIds = await chooseItems(db, suiteId, settings);
  if (caps) checkRunSize(itemIds.length * samplesPerItem(settings), caps);
  const run = await createRunWithItems(db, {
    modelId: model.id,
    suiteId: suite.id,
    suiteVersion: suite.version,
    settings,
    configHash: configHash({ suiteVersion: suite.version, endpoint: model.baseUrl, modelId: model.modelId, settings }),
    itemIds,
    suiteItemCount: suite.testCount,
    samples: samplesPerItem(settings),
    label: label?.trim() || null,
  });
  if (!run) throw new AppError("no items match this run's limit and subsets");
  return run;
}

/** The items a run evaluates: those of the chosen subsets, then a stratified sample of them when limited. */
export async function chooseItems(db: Db, suiteId: string, settings: RunSettings): Promise<string[]> {
  const candidates = await listRunCandidates(db, { suiteId, subsets: settings.subsets });
  if (settings.subsets) {
    const present = new Set(candidates.map((c) => c.subset));
    const unknown = settings.subsets.filter((s) => !present.has(s));
    if (unknown.length > 0) {
      const all = await listRunCandidates(db, { suiteId });
      const valid = [...new Set(all.map((c) => c.subset).filter((s): s is string => !!s))].sort();
      throw new AppError(
        `unknown subset${unknown.length > 1 ? "s" : ""} ${unknown.map((s) => `"${s}"`).join(", ")} of "${suiteId}"; ` +
          (valid.length > 0 ? `valid subsets: ${valid.join(", ")}` : "this suite has no subsets"),
      );
    }
  }
  const chosen = settings.limit ? stratifiedSample(candidates, { limit: settings.limit, seed: settings.sampleSeed ?? settings.seed }) : candidates;
  return chosen.map((c) => c.id);
}
