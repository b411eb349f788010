import type { Model } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import { resolveApiKey } from "@/lib/runner/model-client";
import type { JudgeChat } from "./run-judge";

/** Greedy, bounded: a verdict is a short JSON object. */
const JUDGE_PARAMS = { temperature: 0, max_tokens: 256 };

/** A registered OpenAI-compatible model as a judge (baselines cannot judge). */
export function judgeChatFor(model: Model, { secretKey = env.CHIMED_SECRET_KEY }: { secretKey?: string } = {}): JudgeChat {
  if (model.provider !== "openai" || !model.baseUrl || !model.modelId) {
    throw new AppError(`model "${model.name}" cannot act as a judge: it has no OpenAI-compatible endpoint`, 400, undefined, "not_a_judge");
  }
  const provider = createOpenAICompatibleProvider({
    baseUrl: model.baseUrl,
    model: model.modelId,
    apiKey: resolveApiKey(model, { secretKey }),
    timeoutMs: model.timeoutMs,
    concurrency: model.concurrency,
    maxAnswerBytes: env.CHIMED_MAX_ANSWER_BYTES,
  });
  return async (messages, signal) => (await provider.chat({ messages, params: JUDGE_PARAMS }, signal)).text;
}
