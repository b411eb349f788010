import type { Db } from "@/lib/db/client";
import { createModel, getModel, getModelByName, updateModel } from "@/lib/db/queries/models";
import type { Model, NewModel } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import type { ConnectionCheck } from "@/lib/providers/types";
import { onnxTarget, originOf, resolveApiKey } from "@/lib/runner/model-client";
import { createOnnxLocalProvider } from "@/lib/providers/onnx-local";
import { sealSecret } from "@/lib/secrets";
import type { BrowserModelBody } from "@/lib/validation/browser";
import type { ModelBody, OnnxModelBody } from "@/lib/validation/models";
import { listOnnxFolders, modelFileOf, resolveOnnxDir } from "@/lib/providers/onnx-dir";
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

/**
 * A base URL the outbound rule refuses is refused at the door too, with the rule's message; so is one carrying
 * credentials, which would be shown wherever the URL is (the key fields keep them sealed instead).
 */
export function checkBaseUrl(baseUrl: string): void {
  const url = new URL(baseUrl);
  if (url.username || url.password) {
    throw new AppError(
      "a base URL must not carry credentials (user:password@); put the key in the API key field or name its environment variable",
      400,
      undefined,
      "credentials_in_url",
    );
  }
  try {
    checkOutboundHost(url.hostname);
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
    apiKeyOrigin: !body.apiKeyEnv && body.apiKey ? originOf(body.baseUrl) : null,
    params: body.params,
    concurrency: body.concurrency,
    timeoutMs: body.timeoutMs,
    promptPricePerMTok: body.promptPricePerMTok ?? null,
    completionPricePerMTok: body.completionPricePerMTok ?? null,
  });
}

/** A browser model stores its URL (when the files come from one) as its base URL; nothing is fetched server-side. */
export async function addBrowserModel(db: Db, body: BrowserModelBody): Promise<Model> {
  if (body.source.kind === "url") {
    const url = new URL(body.source.url);
    if (url.username || url.password) throw new AppError("a model URL must not carry credentials (user:password@)", 400, undefined, "credentials_in_url");
  }
  if (await getModelByName(db, { name: body.name })) throw new AppError(`a model named "${body.name}" exists`, 409, undefined, "name_taken");
  return createModel(db, {
    name: body.name,
    provider: "browser",
    baseUrl: body.source.kind === "url" ? body.source.url : null,
    modelId: null,
    params: body.params,
    concurrency: 1,
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
  if (model.provider === "browser") throw new AppError("a browser model cannot be edited; add a new one");
  if (patch.name !== undefined && patch.name !== model.name && (await getModelByName(db, { name: patch.name }))) {
    throw new AppError(`a model named "${patch.name}" exists`, 409, undefined, "name_taken");
  }
  if (patch.apiKeyEnv) checkKeyEnvName(patch.apiKeyEnv);
  if (patch.baseUrl) checkBaseUrl(patch.baseUrl);
  checkConcurrency(patch.concurrency, deploymentCaps());
  const values: Partial<NewModel> = {};
  const editable = ["name", "baseUrl", "modelId", "params", "concurrency", "timeoutMs", "promptPricePerMTok", "completionPricePerMTok"] as const;
  for (const key of editable) {
    if (patch[key] !== undefined) (values as Record<string, unknown>)[key] = patch[key];
  }
  const baseUrl = patch.baseUrl ?? model.baseUrl;
  const dropsStoredKey = patch.clearApiKey || patch.apiKeyEnv !== undefined || Boolean(patch.apiKey);
  if (model.apiKeyCiphertext && !dropsStoredKey && baseUrl && model.baseUrl) {
    // A key stored before keys were bound belongs to the URL it has been used with.
    const boundTo = model.apiKeyOrigin ?? originOf(model.baseUrl);
    if (boundTo !== originOf(baseUrl)) {
      throw new AppError(
        `the stored API key was entered for ${boundTo}; moving the model to ${originOf(baseUrl)} needs the key again (send apiKey, or clearApiKey: true)`,
        409,
        undefined,
        "key_origin_changed",
      );
    }
    values.apiKeyOrigin = boundTo;
  }
  if (patch.apiKeyEnv !== undefined) Object.assign(values, { apiKeyEnv: patch.apiKeyEnv, apiKeyCiphertext: null, apiKeyOrigin: null });
  if (patch.apiKey) Object.assign(values, { apiKeyCiphertext: sealedKey(patch.apiKey), apiKeyEnv: null, apiKeyOrigin: originOf(baseUrl!) });
  if (patch.clearApiKey) Object.assign(values, { apiKeyCiphertext: null, apiKeyEnv: null, apiKeyOrigin: null });
  return (await updateModel(db, { id, values }))!;
}

/** Asks the server for its model list and a short answer; reports exactly what it said. */
export async function checkConnection(
  target: Pick<Model, "name" | "baseUrl" | "modelId" | "apiKeyEnv" | "apiKeyCiphertext" | "apiKeyOrigin" | "timeoutMs">,
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

/** Folders under CHIMED_ONNX_DIR that hold an ONNX model, for the form's choice (paths relative to that folder). */
export function onnxFolders() {
  return listOnnxFolders(env.CHIMED_ONNX_DIR);
}

/** Registers an ONNX model on this server; its folder must lie inside CHIMED_ONNX_DIR and hold a model of that dtype. */
export async function addOnnxModel(db: Db, body: OnnxModelBody): Promise<Model> {
  const dir = resolveOnnxDir(body.dir, env.CHIMED_ONNX_DIR);
  modelFileOf(dir, body.dtype);
  if (await getModelByName(db, { name: body.name })) throw new AppError(`a model named "${body.name}" exists`, 409, undefined, "name_taken");
  return createModel(db, {
    name: body.name,
    provider: "onnx-local",
    modelId: body.dir,
    params: { ...body.params, dtype: body.dtype },
    // One generation at a time per session: more in flight would only queue.
    concurrency: 1,
  });
}

/** Loads a registered ONNX model (folder checked against the root again) and generates a short answer. */
export async function checkOnnxModel(model: Pick<Model, "modelId" | "params">): Promise<ConnectionCheck> {
  return createOnnxLocalProvider(onnxTarget(model)).testConnection();
}
