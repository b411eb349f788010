import type { Db } from "@/lib/db/client";
import path from "node:path";
import { findBaselineModel, findOnnxModel, listModelsAtEndpoint } from "@/lib/db/queries/cli-models";
import { createModel, getModelByName, updateModel } from "@/lib/db/queries/models";
import type { Model } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { RewardScorerConfig } from "@/lib/providers/reward-scorer";

export type CliModelTarget =
  | { kind: "openai"; baseUrl: string; modelId: string; apiKeyEnv?: string; scorer?: RewardScorerConfig }
  | { kind: "baseline"; strategy: string }
  | { kind: "onnx"; dir: string; dtype: string };

/**
 * The model a command line names: a baseline, or the "openai" model registered for this server and model id
 * (created on first use as "<model-id> @ <host>"). Only the name of the key's variable is stored, never a key.
 */
export async function findOrCreateCliModel(db: Db, target: CliModelTarget): Promise<Model> {
  if (target.kind === "baseline") {
    const model = await findBaselineModel(db, { strategy: target.strategy });
    if (!model) throw new AppError(`baseline "${target.strategy}" is not registered; is the database seeded?`);
    return model;
  }
  if (target.kind === "onnx") return findOrCreateOnnxModel(db, target);
  if (target.scorer) return findOrCreateRewardModel(db, { ...target, scorer: target.scorer });
  const existing = await pickExisting(db, target);
  if (existing) return existing;
  try {
    return await createModel(db, {
      name: await freeName(db, target),
      provider: "openai",
      baseUrl: target.baseUrl,
      modelId: target.modelId,
      apiKeyEnv: target.apiKeyEnv ?? null,
    });
  } catch (error) {
    // Another process may have registered the same model a moment ago (unique name).
    const raced = await pickExisting(db, target);
    if (raced) return raced;
    throw error;
  }
}

async function pickExisting(db: Db, target: Extract<CliModelTarget, { kind: "openai" }>): Promise<Model | null> {
  const candidates = await listModelsAtEndpoint(db, target);
  if (target.apiKeyEnv) return candidates.find((m) => m.apiKeyEnv === target.apiKeyEnv) ?? null;
  return candidates.find((m) => m.name === baseName(target)) ?? candidates[0] ?? null;
}

function baseName({ baseUrl, modelId }: { baseUrl: string; modelId: string }): string {
  return `${modelId} @ ${new URL(baseUrl).host}`;
}

async function freeName(db: Db, target: Extract<CliModelTarget, { kind: "openai" }>): Promise<string> {
  const base = baseName(target);
  const first = target.apiKeyEnv && (await getModelByName(db, { name: base })) ? `${base} (${target.apiKeyEnv})` : base;
  let name = first;
  for (let n = 2; await getModelByName(db, { name }); n++) name = `${first} #${n}`;
  return name;
}

/** A reward model named by its server, model id and scorer api; registered on first use like chat models. */
async function findOrCreateRewardModel(
  db: Db,
  target: Extract<CliModelTarget, { kind: "openai" }> & { scorer: RewardScorerConfig },
): Promise<Model> {
  const name = `${baseName(target)} (reward ${target.scorer.api})`;
  const existing = await getModelByName(db, { name });
  if (existing && existing.provider === "reward" && existing.baseUrl === target.baseUrl) {
    return JSON.stringify(existing.params.scorer) === JSON.stringify(target.scorer)
      ? existing
      : ((await updateModel(db, { id: existing.id, values: { params: { scorer: target.scorer } } })) ?? existing);
  }
  return createModel(db, {
    name: existing ? await freeName(db, target) : name,
    provider: "reward",
    baseUrl: target.baseUrl,
    modelId: target.modelId,
    apiKeyEnv: target.apiKeyEnv ?? null,
    params: { scorer: target.scorer },
  });
}

/** An onnx-local model named by its absolute folder and dtype: "<folder name> (onnx fp32)", registered on first use. */
async function findOrCreateOnnxModel(db: Db, target: Extract<CliModelTarget, { kind: "onnx" }>): Promise<Model> {
  const existing = await findOnnxModel(db, { dir: target.dir, dtype: target.dtype });
  if (existing) return existing;
  const base = `${path.basename(target.dir)} (onnx ${target.dtype})`;
  let name = base;
  for (let n = 2; await getModelByName(db, { name }); n++) name = `${base} #${n}`;
  return createModel(db, { name, provider: "onnx-local", modelId: target.dir, params: { dtype: target.dtype }, concurrency: 1 });
}
