import type { Model } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { baselineAnswer, isBaselineStrategy } from "@/lib/providers/baseline";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import type { ChatRequest, ChatResult } from "@/lib/providers/types";
import { openSecret } from "@/lib/secrets";
import type { McqInput } from "@/lib/suites/types";
import type { ScalePresentation } from "@/lib/scoring/likert";
import type { ContextItem, SuiteContext } from "./suite-context";

export interface ModelClient {
  /** Identifies the server for the response cache; null for baselines, which are never cached. */
  endpoint: string | null;
  answer(
    request: ChatRequest,
    item: { item: ContextItem; sample: number; presentation?: ScalePresentation },
    signal?: AbortSignal,
  ): Promise<ChatResult>;
}

export interface ClientOptions {
  secretKey?: string;
  concurrency: number;
  maxRetries?: number;
  /** Answers larger than this are cut off and recorded as errors (CHIMED_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
  /** Reads the variable a model's key is kept in; injectable for tests. */
  readEnv?: (name: string) => string | undefined;
}

export function resolveApiKey(model: Model, { secretKey, readEnv = (n) => process.env[n] }: Pick<ClientOptions, "secretKey" | "readEnv">) {
  if (model.apiKeyEnv) {
    const value = readEnv(model.apiKeyEnv);
    if (!value) throw new Error(`environment variable ${model.apiKeyEnv} (the API key of model "${model.name}") is not set`);
    return value;
  }
  if (model.apiKeyCiphertext) {
    if (!secretKey) throw new Error(`model "${model.name}" has a stored API key but CHIMED_SECRET_KEY is not set`);
    return openSecret(model.apiKeyCiphertext, secretKey);
  }
  return undefined;
}

export function createModelClient(model: Model, ctx: SuiteContext, options: ClientOptions): ModelClient {
  if (model.provider === "baseline") {
    const strategy = model.modelId;
    if (!isBaselineStrategy(strategy)) throw new Error(`unknown baseline "${strategy}"`);
    return {
      endpoint: null,
      async answer(_request, { item, sample, presentation }) {
        const choices = presentation?.labels ?? Object.keys((item.input as McqInput).options ?? {});
        const text = baselineAnswer({
          strategy,
          choices,
          majority: ctx.majorityLetter,
          seed: ctx.settings.seed,
          key: `${item.id}:${sample}`,
        });
        return { text, finishReason: "stop", promptTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 1 };
      },
    };
  }
  if (model.provider !== "openai" || !model.baseUrl || !model.modelId) {
    throw new Error(`model "${model.name}" (${model.provider}) cannot be run by a server-side runner`);
  }
  const provider = createOpenAICompatibleProvider({
    baseUrl: model.baseUrl,
    model: model.modelId,
    apiKey: resolveApiKey(model, options),
    timeoutMs: model.timeoutMs,
    concurrency: options.concurrency,
    maxRetries: options.maxRetries,
    maxAnswerBytes: options.maxAnswerBytes ?? env.CHIMED_MAX_ANSWER_BYTES,
  });
  return {
    endpoint: `${model.baseUrl.replace(/\/+$/, "")}#${model.modelId}`,
    answer: (request, _item, signal) => provider.chat(request, signal),
  };
}
