import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { countSuiteItemsBySubset, getSuite, getSuiteItemById, listAllSuiteItems } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type SubsetNames, subsetNames } from "@/lib/suites/subset-names";
import type { ChatMessage } from "@/lib/suites/types";
import { type RunSettingsInput, resolveSettings, runSettingsInput } from "./settings";
import { chooseItems } from "./start-run";
import { buildSuiteContext } from "@/lib/tasks/context";
import { taskOf } from "@/lib/tasks/index";
import { prepareRequest } from "@/lib/tasks/prepare";

export interface RunPreview {
  /** The exact messages the first item of this run would send (sample 0), or why it cannot be built. */
  messages: ChatMessage[] | null;
  error: string | null;
  /** Items the run would evaluate, out of the suite's test items. */
  items: number;
  suiteItems: number;
  /** The suite's test subsets with their sizes, for the subset picker. */
  subsets: { subset: string; n: number }[];
  subsetNames: SubsetNames;
}

/** What starting a run with these settings would do, without starting it: its first prompt and its size. */
export async function previewRun(
  db: Db,
  { modelId, suiteId, settings: raw }: { modelId: string; suiteId: string; settings?: RunSettingsInput },
): Promise<RunPreview> {
  const [model, suite] = await Promise.all([getModel(db, { id: modelId }), getSuite(db, { id: suiteId })]);
  if (!model) throw new AppError(`unknown model "${modelId}"`, 404);
  if (!suite || disabledSuiteIds().has(suiteId)) throw new AppError(`unknown suite "${suiteId}"`, 404);
  const kind = suite.taskKind;
  const settings = resolveSettings(kind, runSettingsInput.parse(raw ?? {}));
  const [ids, counts] = await Promise.all([chooseItems(db, suiteId, settings), countSuiteItemsBySubset(db, { suiteId })]);
  const subsets = counts.filter((c) => c.split === "test" && c.subset).map((c) => ({ subset: c.subset!, n: c.n }));
  const first = ids.length > 0 ? await getSuiteItemById(db, { id: ids[0] }) : null;
  const base = { items: ids.length, suiteItems: suite.testCount, subsets, subsetNames: subsetNames(suite.config) };
  if (!first) return { ...base, messages: null, error: "no items match this run's limit and subsets" };
  const [devItems, allItems] = await Promise.all([
    settings.shots > 0 ? listAllSuiteItems(db, { suiteId, split: "dev" }) : Promise.resolve([]),
    taskOf(kind).needsAllItems ? listAllSuiteItems(db, { suiteId, split: "test" }) : Promise.resolve(undefined),
  ]);
  const ctx = buildSuiteContext({ suiteId, kind, config: suite.config, settings, items: [first], devItems, allItems });
  const request = prepareRequest(ctx, first, 0, model.params);
  return "error" in request ? { ...base, messages: null, error: request.error } : { ...base, messages: request.messages, error: null };
}
