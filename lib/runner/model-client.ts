import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import type { Model } from "@/lib/db/schema";
import { isAllowedKeyEnv, unavailableKeyEnvMessage } from "@/lib/models/key-env";
import { env } from "@/lib/env";
import { baselineAnswer, isBaselineStrategy } from "@/lib/providers/baseline";
import { createRewardScorer, rewardScorerSchema } from "@/lib/providers/reward-scorer";
import { formatRewardScores } from "@/lib/scoring/reward";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import { modelFileOf, resolveOnnxDir } from "@/lib/providers/onnx-dir";
import { createOnnxLocalProvider } from "@/lib/providers/onnx-local";
import { MODEL_DTYPES, type ModelDtype } from "@/lib/onnx/model-config";
import type { ChatRequest, ChatResult } from "@/lib/providers/types";
import { openSecret } from "@/lib/secrets";
import type { McqInput, RewardInput } from "@/lib/suites/types";
import type { ScalePresentation } from "@/lib/scoring/likert";
import type { ContextItem, SuiteContext } from "@/lib/tasks/context";
import { findTask } from "@/lib/tasks/index";
import { perplexityClient, type PromptScorer } from "./perplexity-client";
import { JUDGE_ORDERS, judgeMessages, judgeRewards, judgeVerdict } from "@/lib/tasks/reward-judge";

export interface ModelClient {
  /** Identifies the server for the response cache; null for baselines, which are never cached. */
  endpoint: string | null;
  answer(
    request: ChatRequest,
    item: { item: ContextItem; sample: number; presentation?: ScalePresentation },
    signal?: AbortSignal,
  ): Promise<ChatResult>;
  /** Asked once before a run's items: throws when the model cannot do what the run needs (one run error). */
  preflight?(signal?: AbortSignal): Promise<void>;
}

export interface ClientOptions {
  secretKey?: string;
  concurrency: number;
  maxRetries?: number;
  attemptTimeoutMs?: (attempt: number) => number;
  /** Answers larger than this are cut off and recorded as errors (CHIMED_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
  /** Reads the variable a model's key is kept in; injectable for tests. */
  readEnv?: (name: string) => string | undefined;
}

/** Scheme, host and port: what a stored key is bound to. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Whether a stored key may go to this URL: the origin it was entered for (keys stored before binding: their URL). */
export function storedKeyBelongsTo(model: Pick<Model, "apiKeyOrigin">, url: string): boolean {
  return model.apiKeyOrigin === null || model.apiKeyOrigin === originOf(url);
}

export function resolveApiKey(model: Model, { secretKey, readEnv = (n) => process.env[n] }: Pick<ClientOptions, "secretKey" | "readEnv">) {
  if (model.apiKeyEnv) {
    // A name outside the rule is never read, even when a model stored before the rule carries it.
    const value = isAllowedKeyEnv(model.apiKeyEnv) ? readEnv(model.apiKeyEnv) : undefined;
    if (!value) throw new Error(`model "${model.name}": ${unavailableKeyEnvMessage}`);
    return value;
  }
  if (model.apiKeyCiphertext) {
    if (model.baseUrl && !storedKeyBelongsTo(model, model.baseUrl)) {
      throw new Error(`model "${model.name}": its stored API key was entered for another server; enter the key again`);
    }
    if (!secretKey) throw new Error(`model "${model.name}" has a stored API key but CHIMED_SECRET_KEY is not set`);
    return openSecret(model.apiKeyCiphertext, secretKey);
  }
  return undefined;
}

/** A short, one-way identity of a key, for cache keys: equal keys share it, nothing about the key leaks. */
export function keyIdentity(apiKey: string): string {
  return createHash("sha256").update(`chimed-key:${apiKey}`).digest("hex").slice(0, 32);
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
          pair: findTask(ctx.kind)?.capability === "reward_score" ? (item.input as RewardInput) : undefined,
        });
        return { text, finishReason: "stop", promptTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 1 };
      },
    };
  }
  if (findTask(ctx.kind)?.capability === "reward_score") return rewardClient(model, options);
  if (findTask(ctx.kind)?.capability === "completion_logprobs") return logprobsClient(model, ctx, options);
  if (model.provider === "reward") throw new Error(`model "${model.name}" is a reward model; it scores reward suites only`);
  if (model.provider === "onnx-local") return onnxLocalClient(model);
  if (model.provider !== "openai" || !model.baseUrl || !model.modelId) {
    throw new Error(`model "${model.name}" (${model.provider}) cannot be run by a server-side runner`);
  }
  const { provider, endpoint } = chatProvider(model as Model & { baseUrl: string; modelId: string }, options);
  return { endpoint, answer: (request, _item, signal) => provider.chat(request, signal) };
}

/** The onnx-local model's folder and dtype, checked against the model root every time a run starts. */
export function onnxTarget(model: Pick<Model, "modelId" | "params">): { dir: string; dtype: ModelDtype } {
  const dtype = (MODEL_DTYPES as string[]).includes(String(model.params.dtype)) ? (model.params.dtype as ModelDtype) : "fp32";
  return { dir: resolveOnnxDir(model.modelId ?? "", env.CHIMED_ONNX_DIR), dtype };
}

function onnxLocal(model: Model) {
  const { dir, dtype } = onnxTarget(model);
  // Cached answers belong to these exact weights: a replaced file gets a new endpoint.
  const file = statSync(modelFileOf(dir, dtype));
  return { provider: createOnnxLocalProvider({ dir, dtype }), endpoint: `onnx-local:${dir}#${dtype}#${file.size}-${Math.round(file.mtimeMs)}` };
}

function onnxLocalClient(model: Model): ModelClient {
  const { provider, endpoint } = onnxLocal(model);
  return { endpoint, answer: (request, _item, signal) => provider.chat(request, signal) };
}

function chatProvider(model: Model & { baseUrl: string; modelId: string }, options: ClientOptions) {
  const apiKey = resolveApiKey(model, options);
  const provider = createOpenAICompatibleProvider({
    baseUrl: model.baseUrl,
    model: model.modelId,
    apiKey,
    timeoutMs: model.timeoutMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    concurrency: options.concurrency,
    maxRetries: options.maxRetries,
    maxAnswerBytes: options.maxAnswerBytes ?? env.CHIMED_MAX_ANSWER_BYTES,
  });
  // Two models on one URL with different keys may get different answers (and a key echoed back): never
  // share cached responses between keys.
  const endpoint = `${model.baseUrl.replace(/\/+$/, "")}#${model.modelId}${apiKey ? `#key:${keyIdentity(apiKey)}` : ""}`;
  return { provider, endpoint };
}

/** Perplexity needs the log-probabilities of a text's own tokens: a completions server's, or an ONNX model's own. */
function logprobsClient(model: Model, ctx: SuiteContext, options: ClientOptions): ModelClient {
  if (model.provider === "onnx-local") {
    const { provider, endpoint } = onnxLocal(model);
    return perplexityClient(provider, endpoint, ctx);
  }
  if (model.provider !== "openai" || !model.baseUrl || !model.modelId) {
    throw new Error(`model "${model.name}" (${model.provider}) cannot score perplexity: it needs an OpenAI-compatible server with prompt log-probabilities or an ONNX model on this server`);
  }
  const { provider, endpoint } = chatProvider(model as Model & { baseUrl: string; modelId: string }, options);
  return perplexityClient(provider as PromptScorer, endpoint, ctx);
}

/** A chat model judging a tuple in both orders; its raw answer holds both verdicts and both replies. */
function judgeClient(model: Model & { baseUrl: string; modelId: string }, options: ClientOptions): ModelClient {
  const { provider, endpoint } = chatProvider(model, options);
  return {
    endpoint: `judge:${endpoint}`,
    async answer(request, { item }, signal) {
      const input = item.input as RewardInput;
      const replies = await Promise.all(
        JUDGE_ORDERS.map((order) => provider.chat({ messages: judgeMessages(input, order), params: request.params }, signal)),
      );
      const verdicts = replies.map((r, i) => judgeVerdict(r.text, input, JUDGE_ORDERS[i]));
      const text = JSON.stringify({ judge: true, ...judgeRewards(verdicts), verdicts, replies: replies.map((r) => r.text) });
      const sum = (f: (r: ChatResult) => number | null) => replies.reduce<number | null>((s, r) => (s === null || f(r) === null ? null : s + f(r)!), 0);
      return {
        text,
        finishReason: "stop",
        promptTokens: sum((r) => r.promptTokens),
        completionTokens: sum((r) => r.completionTokens),
        latencyMs: Math.max(...replies.map((r) => r.latencyMs)),
        attempts: Math.max(...replies.map((r) => r.attempts)),
      };
    },
  };
}

/** A reward model scores both answers of a tuple; its raw answer is the two rewards (formatRewardScores). */
function rewardClient(model: Model, options: ClientOptions): ModelClient {
  if (model.provider === "openai" && model.baseUrl && model.modelId) {
    return judgeClient(model as Model & { baseUrl: string; modelId: string }, options);
  }
  const config = rewardScorerSchema.safeParse(model.params.scorer);
  if (model.provider !== "reward" || !model.baseUrl || !config.success) {
    throw new Error(`model "${model.name}" is neither a reward model (vllm, tei or http scorer) nor a chat model to judge with`);
  }
  const apiKey = resolveApiKey(model, options);
  const scorer = createRewardScorer({ baseUrl: model.baseUrl, modelId: model.modelId, config: config.data, apiKey, timeoutMs: model.timeoutMs });
  return {
    endpoint: `reward:${config.data.api}:${model.baseUrl.replace(/\/+$/, "")}#${model.modelId ?? ""}${apiKey ? `#key:${keyIdentity(apiKey)}` : ""}`,
    async answer(_request, { item }, signal) {
      const { prompt, chosen, rejected } = item.input as RewardInput;
      const started = performance.now();
      const [c, r] = await scorer.score(prompt, [chosen, rejected], signal);
      const text = formatRewardScores({ chosen: c, rejected: r });
      return { text, finishReason: "stop", promptTokens: null, completionTokens: null, latencyMs: performance.now() - started, attempts: 1 };
    },
  };
}
