import type { ModelInput, ModelPatchInput, ModelRow } from "@/lib/api/models";

export type KeyMode = "none" | "typed" | "env";

/** Inputs hold strings; numbers are read when the form is sent, and an empty field means "not set". */
export interface ModelFormState {
  name: string;
  baseUrl: string;
  modelId: string;
  keyMode: KeyMode;
  apiKey: string;
  apiKeyEnv: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  concurrency: string;
  timeoutS: string;
  promptPrice: string;
  completionPrice: string;
}

export const emptyModelForm: ModelFormState = {
  name: "",
  baseUrl: "",
  modelId: "",
  keyMode: "none",
  apiKey: "",
  apiKeyEnv: "",
  temperature: "",
  topP: "",
  maxTokens: "",
  concurrency: "8",
  timeoutS: "60",
  promptPrice: "",
  completionPrice: "",
};

const str = (value: unknown) => (typeof value === "number" ? String(value) : "");

export function formFromModel(model: ModelRow): ModelFormState {
  const params = model.params as Record<string, unknown>;
  return {
    name: model.name,
    baseUrl: model.baseUrl ?? "",
    modelId: model.modelId ?? "",
    keyMode: model.hasStoredKey ? "typed" : model.apiKeyEnv ? "env" : "none",
    apiKey: "",
    apiKeyEnv: model.apiKeyEnv ?? "",
    temperature: str(params.temperature),
    topP: str(params.top_p),
    maxTokens: str(params.max_tokens),
    concurrency: String(model.concurrency),
    timeoutS: String(model.timeoutMs / 1000),
    promptPrice: str(model.promptPricePerMTok),
    completionPrice: str(model.completionPricePerMTok),
  };
}

const num = (value: string) => (value.trim() === "" ? undefined : Number(value));

export function bodyFromForm(form: ModelFormState): ModelInput {
  const params = { temperature: num(form.temperature), top_p: num(form.topP), max_tokens: num(form.maxTokens) };
  const timeoutS = num(form.timeoutS);
  return {
    name: form.name.trim(),
    baseUrl: form.baseUrl.trim(),
    modelId: form.modelId.trim(),
    ...(form.keyMode === "typed" && form.apiKey ? { apiKey: form.apiKey } : {}),
    ...(form.keyMode === "env" ? { apiKeyEnv: form.apiKeyEnv.trim() } : {}),
    params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
    concurrency: num(form.concurrency),
    timeoutMs: timeoutS === undefined ? undefined : Math.round(timeoutS * 1000),
    promptPricePerMTok: num(form.promptPrice) ?? null,
    completionPricePerMTok: num(form.completionPrice) ?? null,
  };
}

/** A full patch: an untouched stored key is kept, switching to "none" removes whatever was there. */
export function patchFromForm(form: ModelFormState, model: ModelRow): ModelPatchInput {
  const body = bodyFromForm(form);
  const hadKey = model.hasStoredKey || !!model.apiKeyEnv;
  return { ...body, ...(form.keyMode === "none" && hadKey ? { clearApiKey: true } : {}) };
}

export function looksLikeV1(baseUrl: string): boolean {
  return baseUrl.trim() === "" || /\/v1\/?$/.test(baseUrl.trim());
}
