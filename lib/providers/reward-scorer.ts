import { z } from "zod";
import { defaultTransport } from "./node-http-transport";
import type { Transport } from "./transport";

/**
 * How a reward model is reached. "vllm": vLLM's pooling endpoint (`vllm serve <reward model> --task reward`),
 * POST <base>/pooling with the chat messages, reward at data[0].data (its last number). "tei": Hugging Face
 * text-embeddings-inference serving a sequence-classification (reward) model, POST <base>/rerank with the
 * prompt as query and both answers as texts. "http": any scorer, described by a URL, a JSON body template
 * ({{prompt}} and {{response}} are replaced by JSON-escaped text) and the path of the score in the answer.
 */
export const rewardScorerSchema = z.discriminatedUnion("api", [
  z.object({ api: z.literal("vllm") }),
  z.object({ api: z.literal("tei") }),
  z.object({
    api: z.literal("http"),
    template: z.string().min(2).max(4000),
    /** Dot path into the JSON answer: "score", "data.0.score", "outputs.0". */
    scorePath: z.string().min(1).max(200),
  }),
]);
export type RewardScorerConfig = z.infer<typeof rewardScorerSchema>;

export interface RewardScorer {
  /** The reward of each response to the prompt, in order. */
  score(prompt: string, responses: readonly string[], signal?: AbortSignal): Promise<number[]>;
}

export class RewardScorerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RewardScorerError";
  }
}

const MAX_ANSWER_BYTES = 1 << 20;

/** Follows a dot path ("data.0.score") into parsed JSON. */
export function atPath(value: unknown, path: string): unknown {
  let here = value;
  for (const part of path.split(".")) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<string, unknown>)[Array.isArray(here) ? Number(part) : part];
  }
  return here;
}

/** A number, or the last number of a (nested) list: vLLM gives a reward model's score as [score] or [[score]]. */
function lastNumber(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length > 0) return lastNumber(value[value.length - 1]);
  return null;
}

export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? JSON.stringify(vars[name]).slice(1, -1) : whole));
}

export function createRewardScorer({
  baseUrl,
  modelId,
  config,
  apiKey,
  timeoutMs,
  transport = defaultTransport(),
}: {
  baseUrl: string;
  modelId: string | null;
  config: RewardScorerConfig;
  apiKey?: string;
  timeoutMs: number;
  transport?: Transport;
}): RewardScorer {
  const root = baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  const headers: Record<string, string> = { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  const post = async (url: string, body: unknown, signal?: AbortSignal): Promise<unknown> => {
    const reply = await transport(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body), timeoutMs, signal, maxBodyBytes: MAX_ANSWER_BYTES });
    if (reply.status < 200 || reply.status >= 300) {
      throw new RewardScorerError(`reward scorer answered ${reply.status} ${reply.statusText}: ${reply.body.slice(0, 200)}`);
    }
    try {
      return JSON.parse(reply.body) as unknown;
    } catch {
      throw new RewardScorerError("reward scorer answered with something that is not JSON");
    }
  };
  const need = (value: number | null, what: string): number => {
    if (value === null) throw new RewardScorerError(`reward scorer answer has no number at ${what}`);
    return value;
  };
  switch (config.api) {
    case "vllm":
      return {
        async score(prompt, responses, signal) {
          const scores: number[] = [];
          for (const response of responses) {
            const messages = [{ role: "user", content: prompt }, { role: "assistant", content: response }];
            const body = await post(`${root}/pooling`, { ...(modelId ? { model: modelId } : {}), messages }, signal);
            scores.push(need(lastNumber(atPath(body, "data.0.data")), "data.0.data"));
          }
          return scores;
        },
      };
    case "tei":
      return {
        async score(prompt, responses, signal) {
          const body = await post(`${root}/rerank`, { query: prompt, texts: responses, raw_scores: true }, signal);
          if (!Array.isArray(body)) throw new RewardScorerError("TEI /rerank answer is not a list");
          const byIndex = new Map<number, number>();
          for (const row of body) {
            const { index, score } = (row ?? {}) as { index?: unknown; score?: unknown };
            if (typeof index === "number" && typeof score === "number" && Number.isFinite(score)) byIndex.set(index, score);
          }
          return responses.map((_, i) => need(byIndex.get(i) ?? null, `index ${i}`));
        },
      };
    case "http":
      return {
        async score(prompt, responses, signal) {
          const scores: number[] = [];
          for (const response of responses) {
            const body = await post(baseUrl, fillTemplate(config.template, { prompt, response, model: modelId ?? "" }), signal);
            scores.push(need(lastNumber(atPath(body, config.scorePath)), config.scorePath));
          }
          return scores;
        },
      };
  }
}
