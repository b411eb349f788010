import type { Db } from "@/lib/db/client";
import { insertStudy, listItemsAnsweredByAll, listRateableRuns, listScaleSuiteConfigs } from "@/lib/db/queries/studies";
import type { Study } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { StudyBody } from "@/lib/validation/studies";

/**
 * Checks what a study rates before storing it: the scales are scale suites; the runs are finished open-QA or
 * dialogue runs of one suite, by at least two different models, with items all of them answered.
 */
export async function createStudy(db: Db, body: StudyBody, createdBy: string | null): Promise<Study> {
  const scaleIds = [...new Set(body.scaleSuiteIds)];
  const runIds = [...new Set(body.runIds)];
  if (scaleIds.length === 0 && runIds.length === 0) {
    throw new AppError("choose a scale for the raters to take, or runs whose answers they rate (or both)", 400);
  }
  const scales = await listScaleSuiteConfigs(db, { suiteIds: scaleIds });
  const unknownScale = scaleIds.find((id) => !scales.some((s) => s.id === id));
  if (unknownScale) throw new AppError(`"${unknownScale}" is not a scale suite here`, 400);
  if (runIds.length > 0) {
    if (runIds.length < 2) throw new AppError("choose at least two runs: raters compare answers in pairs", 400);
    const rateable = new Map((await listRateableRuns(db)).map((r) => [r.id, r]));
    const chosen = runIds.map((id) => rateable.get(id));
    if (chosen.some((r) => !r)) throw new AppError("every run must be a finished open-QA or dialogue run", 400);
    if (new Set(chosen.map((r) => r!.suiteId)).size > 1) throw new AppError("the runs must be on the same suite", 400);
    if (new Set(chosen.map((r) => r!.modelId)).size !== runIds.length) {
      throw new AppError("each run must be by a different model", 400);
    }
    if ((await listItemsAnsweredByAll(db, { runIds })).length === 0) {
      throw new AppError("these runs have no item that all of them answered", 400);
    }
  }
  return insertStudy(db, {
    title: body.title,
    createdBy,
    language: body.language,
    consentText: body.consentText,
    scaleSuiteIds: scaleIds,
    runIds,
    optionOrder: body.optionOrder,
    itemsPerRater: body.itemsPerRater,
    ratersPerPair: body.ratersPerPair,
    deadline: body.deadline ? new Date(body.deadline) : null,
  });
}
