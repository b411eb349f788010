import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { createLineage, getLineageByName } from "@/lib/db/queries/lineages";
import { getModel, getModelByName } from "@/lib/db/queries/models";
import { createCheckpoint, createTrainingLog, getCheckpointOfModel, listCheckpoints } from "@/lib/db/queries/series";
import type { Model, Run } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { checkBaseUrl } from "@/lib/models/service";
import type { Caps } from "@/lib/runner/caps";
import { originOf } from "@/lib/runner/model-client";
import { startRun } from "@/lib/runner/start-run";
import type { RunSettingsInput } from "@/lib/validation/run-settings";
import type { CheckpointBody, LineageBody, TrainingLogFormat } from "@/lib/validation/series";
import { parseTrainingLog, TrainingLogError } from "./training-log";

/** The model a series belongs to: a server model that is not itself a checkpoint. */
async function requireSeriesModel(db: Db, id: string): Promise<Model> {
  const model = await getModel(db, { id });
  if (!model) throw new AppError("no such model", 404);
  if (await getCheckpointOfModel(db, { modelId: model.id })) {
    throw new AppError(`"${model.name}" is a checkpoint; add checkpoints to the model whose series it belongs to`);
  }
  return model;
}

/**
 * A checkpoint is a model row of its own, named "<series> @ <checkpoint>", with the series model's decoding,
 * concurrency and timeout. It keeps the series model's key only on the same server: a key never travels.
 */
export async function addCheckpoint(db: Db, seriesModelId: string, body: CheckpointBody) {
  const series = await requireSeriesModel(db, seriesModelId);
  if (series.provider !== "openai" || !series.baseUrl) throw new AppError(`"${series.name}" is not served over HTTP; its checkpoints cannot be`);
  const baseUrl = body.baseUrl ?? series.baseUrl;
  checkBaseUrl(baseUrl);
  const name = `${series.name} @ ${body.name}`;
  if (await getModelByName(db, { name })) throw new AppError(`a model named "${name}" exists`, 409, undefined, "name_taken");
  const sameServer = originOf(baseUrl) === originOf(series.baseUrl);
  try {
    return await createCheckpoint(db, {
      seriesModelId: series.id,
      name: body.name,
      step: body.step,
      stage: body.stage,
      model: {
        name,
        provider: "openai",
        baseUrl,
        modelId: body.modelId,
        apiKeyEnv: sameServer ? series.apiKeyEnv : null,
        apiKeyCiphertext: sameServer ? series.apiKeyCiphertext : null,
        apiKeyOrigin: sameServer ? series.apiKeyOrigin : null,
        params: series.params,
        concurrency: series.concurrency,
        timeoutMs: series.timeoutMs,
        promptPricePerMTok: series.promptPricePerMTok,
        completionPricePerMTok: series.completionPricePerMTok,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(`the series already has a checkpoint named "${body.name}"`, 409, undefined, "name_taken");
    throw error;
  }
}

/**
 * One run per checkpoint, every one with the same settings. The checkpoints share the series model's provider,
 * so the first run's checks (suite, settings, caps) stand for the rest.
 */
export async function startSeriesRuns(
  db: Db,
  seriesModelId: string,
  body: { suiteId: string; settings?: RunSettingsInput; label?: string | null },
  { caps }: { caps?: Caps } = {},
): Promise<Run[]> {
  const series = await requireSeriesModel(db, seriesModelId);
  const checkpoints = await listCheckpoints(db, { seriesModelId: series.id });
  if (checkpoints.length === 0) throw new AppError(`"${series.name}" has no checkpoints yet; add them first`);
  const runs: Run[] = [];
  for (const checkpoint of checkpoints) {
    runs.push(await startRun(db, { modelId: checkpoint.modelId, suiteId: body.suiteId, settings: body.settings, label: body.label }, { caps }));
  }
  return runs;
}

export async function importTrainingLog(
  db: Db,
  seriesModelId: string,
  { name, format, text }: { name?: string; format?: TrainingLogFormat; text: string },
) {
  const series = await requireSeriesModel(db, seriesModelId);
  let parsed: ReturnType<typeof parseTrainingLog>;
  try {
    parsed = parseTrainingLog(text, format);
  } catch (error) {
    if (error instanceof TrainingLogError) throw new AppError(error.message, 400, error.where, "bad_training_log");
    throw error;
  }
  return createTrainingLog(db, { seriesModelId: series.id, name: name ?? parsed.format, ...parsed });
}

export async function addLineage(db: Db, body: LineageBody) {
  if (await getLineageByName(db, { name: body.name })) throw new AppError(`a lineage named "${body.name}" exists`, 409, undefined, "name_taken");
  for (const stage of body.stages) {
    if (!(await getModel(db, { id: stage.modelId }))) throw new AppError(`stage "${stage.label}": no such model`, 404);
  }
  try {
    return await createLineage(db, body);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(`a lineage named "${body.name}" exists`, 409, undefined, "name_taken");
    throw error;
  }
}
