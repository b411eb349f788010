import { ENTITY_MATCHING } from "@/lib/scoring/ner-metrics";
import { buildNerMessages } from "@/lib/suites/prompts/ner";
import type { NerInput } from "@/lib/suites/types";
import { aggregateBenchmarkRun, chatOnly, scoreBenchmarkAnswer } from "./benchmark";
import { nerTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

export const nerTask: TaskDefinition = {
  kind: "ner",
  capability: "chat",
  defaults: { maxTokens: 512, samples: 1, greedyPass: false },
  options: chatOnly,
  metrics: { headline: "f1", leaderboard: ["f1"], display: "percent" },
  needsAllItems: false,
  prompt: (ctx, item) => ({
    messages: buildNerMessages(item.input as NerInput, ctx.nerTypes, { systemPrompt: ctx.settings.systemPrompt ?? undefined }),
  }),
  wantsLogprobs: () => false,
  score: (ctx, item, _sample, _prepared, answer) => scoreBenchmarkAnswer("ner", ctx, item, answer.text),
  aggregate: aggregateBenchmarkRun("ner", { entityMatching: ENTITY_MATCHING }),
  trainer: nerTrainer,
};
