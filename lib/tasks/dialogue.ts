import { buildDialogueMessages } from "@/lib/suites/prompts/generation";
import type { DialogueInput } from "@/lib/suites/types";
import { aggregateBenchmarkRun, chatOnly, generationMetrics, scoreBenchmarkAnswer } from "./benchmark";
import { dialogueTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

export const dialogueTask: TaskDefinition = {
  kind: "dialogue",
  capability: "chat",
  defaults: { maxTokens: 512, samples: 1, greedyPass: false },
  options: { ...chatOnly, tokenizer: true },
  metrics: { headline: "rougeL", leaderboard: generationMetrics, display: "percent" },
  needsAllItems: false,
  prompt: (ctx, item) => ({
    messages: buildDialogueMessages(item.input as DialogueInput, { systemPrompt: ctx.settings.systemPrompt ?? undefined }),
  }),
  wantsLogprobs: () => false,
  score: (ctx, item, _sample, _prepared, answer) => scoreBenchmarkAnswer("dialogue", ctx, item, answer.text),
  aggregate: aggregateBenchmarkRun("dialogue"),
  trainer: dialogueTrainer,
};
