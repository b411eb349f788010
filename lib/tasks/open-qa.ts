import { buildOpenQaMessages } from "@/lib/suites/prompts/generation";
import type { OpenQaInput } from "@/lib/suites/types";
import { aggregateBenchmarkRun, chatOnly, generationMetrics, scoreBenchmarkAnswer } from "./benchmark";
import { openQaTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

export const openQaTask: TaskDefinition = {
  kind: "open_qa",
  capability: "chat",
  defaults: { maxTokens: 512, samples: 1, greedyPass: false },
  options: { ...chatOnly, tokenizer: true },
  metrics: { headline: "rougeL", leaderboard: generationMetrics, display: "percent" },
  needsAllItems: false,
  prompt: (ctx, item) => ({
    messages: buildOpenQaMessages(item.input as OpenQaInput, { systemPrompt: ctx.settings.systemPrompt ?? undefined }),
  }),
  wantsLogprobs: () => false,
  score: (ctx, item, _sample, _prepared, answer) => scoreBenchmarkAnswer("open_qa", ctx, item, answer.text),
  aggregate: aggregateBenchmarkRun("open_qa"),
  trainer: openQaTrainer,
};
