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
import { checkOutboundHost, OutboundRefusedError } from "@/lib/http/outbound";
import { checkConcurrency, deploymentCaps } from "@/lib/runner/caps";
import { checkKeyEnvName } from "./key-env";

function sealedKey(apiKey: string | undefined): string | null {
  if (!apiKey) return null;
  if (!env.CHIMED_SECRET_KEY) {
    throw new AppError("storing an API key needs CHIMED_SECRET_KEY on the server; or name an environment variable instead");
  }
  return sealSecret(apiKey, env.CHIMED_SECRET_KEY);
}

/** A base URL the outbound rule refuses is refused at the door too, with the rule's message. */
function checkBaseUrl(baseUrl: string): void {
  try {
    checkOutboundHost(new URL(baseUrl).hostname);
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new AppError(error.message, 400, undefined, error.code);
    throw error;
  }
}

export async function addModel(db: Db, body: ModelBody): Promise<Model> {
  if (body.apiKeyEnv) checkKeyEnvName(body.apiKeyEnv);
  checkBaseUrl(body.baseUrl);
  checkConcurrency(body.concurrency, deploymentCaps());
  if (await getModelByName(db, { name: body.name })) throw new AppError(`a model named "${body.name}" exists`, 409, undefined, "name_taken");
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
  if (patch.name !== undefined && patch.name !== model.name && (await getModelByName(db, { name: patch.name }))) {
    throw new AppError(`a model named "${patch.name}" exists`, 409, undefined, "name_taken");
  }
  if (patch.apiKeyEnv) checkKeyEnvName(patch.apiKeyEnv);
  if (patch.baseUrl) checkBaseUrl(patch.baseUrl);
  checkConcurrency(patch.concurrency, deploymentCaps());
  const values: Partial<NewModel> = {};
  for (const key of ["name", "baseUrl", "modelId", "params", "concurrency", "timeoutMs"] as const) {
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
  if (target.apiKeyEnv && !typedKey) checkKeyEnvName(target.apiKeyEnv);
  checkBaseUrl(target.baseUrl);
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
