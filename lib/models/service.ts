import type { Db } from "@/lib/db/client";
import { createModel, getModel, getModelByName, updateModel } from "@/lib/db/queries/models";
import type { Model, NewModel } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import type { ConnectionCheck } from "@/lib/providers/types";
import { resolveApiKey } from "@/lib/runner/model-client";
import { sealSecret } from "@/lib/secrets";
import type { ModelBody } from "@/lib/validation/models";

function sealedKey(apiKey: string | undefined): string | null {
  if (!apiKey) return null;
  if (!env.CHIMED_SECRET_KEY) {
    throw new AppError("storing an API key needs CHIMED_SECRET_KEY on the server; or name an environment variable instead");
  }
  return sealSecret(apiKey, env.CHIMED_SECRET_KEY);
}

export async function addModel(db: Db, body: ModelBody): Promise<Model> {
  if (await getModelByName(db, { name: body.name })) throw new AppError(`a model named "${body.name}" exists`, 409);
  return createModel(db, {
    name: body.name,
    provider: "openai",
    baseUrl: body.baseUrl,
    modelId: body.modelId,
    apiKeyEnv: body.apiKeyEnv ?? null,
    apiKeyCiphertext: body.apiKeyEnv ? null : sealedKey(body.apiKey),
    params: body.params,
    concurrency: body.concurrency,
    timeoutMs: body.timeoutMs,
    promptPricePerMTok: body.promptPricePerMTok ?? null,
    completionPricePerMTok: body.completionPricePerMTok ?? null,
  });
}

export async function editModel(
  db: Db,
  id: string,
  patch: Partial<ModelBody> & { clearApiKey?: boolean },
): Promise<Model> {
  const model = await getModel(db, { id });
  if (!model) throw new AppError("no such model", 404);
  if (model.provider === "baseline") throw new AppError("baselines cannot be edited");
  const values: Partial<NewModel> = {};
  const editable = ["name", "baseUrl", "modelId", "params", "concurrency", "timeoutMs", "promptPricePerMTok", "completionPricePerMTok"] as const;
  for (const key of editable) {
    if (patch[key] !== undefined) (values as Record<string, unknown>)[key] = patch[key];
  }
  if (patch.apiKeyEnv !== undefined) Object.assign(values, { apiKeyEnv: patch.apiKeyEnv, apiKeyCiphertext: null });
  if (patch.apiKey) Object.assign(values, { apiKeyCiphertext: sealedKey(patch.apiKey), apiKeyEnv: null });
  if (patch.clearApiKey) Object.assign(values, { apiKeyCiphertext: null, apiKeyEnv: null });
  return (await updateModel(db, { id, values }))!;
}

/** Asks the server for its model list and a short answer; reports exactly what it said. */
export async function checkConnection(
  target: Pick<Model, "name" | "baseUrl" | "modelId" | "apiKeyEnv" | "apiKeyCiphertext" | "timeoutMs">,
  { typedKey }: { typedKey?: string } = {},
): Promise<ConnectionCheck> {
  if (!target.baseUrl || !target.modelId) throw new AppError("this model has no server to test");
  let apiKey = typedKey;
  try {
    apiKey ??= resolveApiKey(target as Model, { secretKey: env.CHIMED_SECRET_KEY });
  } catch (error) {
    return { ok: false, error: (error as Error).message, latencyMs: 0 };
  }
  const provider = createOpenAICompatibleProvider({
    baseUrl: target.baseUrl,
    model: target.modelId,
    apiKey,
    timeoutMs: Math.min(target.timeoutMs, 30_000),
    maxRetries: 0,
  });
  return provider.testConnection();
}
