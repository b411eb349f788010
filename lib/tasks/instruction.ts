import { buildInstructionMessages } from "@/lib/suites/prompts/generation";
import type { InstructionInput } from "@/lib/suites/types";
import { aggregateBenchmarkRun, chatOnly, generationMetrics, scoreBenchmarkAnswer } from "./benchmark";
import { instructionTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

export const instructionTask: TaskDefinition = {
  kind: "instruction",
  capability: "chat",
  defaults: { maxTokens: 512, samples: 1, greedyPass: false },
  options: { ...chatOnly, tokenizer: true },
  metrics: { headline: "rougeL", leaderboard: ["exact_match", "list_f1", ...generationMetrics], display: "percent" },
  needsAllItems: false,
  prompt: (ctx, item) => ({
    messages: buildInstructionMessages(item.input as InstructionInput, { systemPrompt: ctx.settings.systemPrompt ?? undefined }),
  }),
  wantsLogprobs: () => false,
  score: (ctx, item, _sample, _prepared, answer) => scoreBenchmarkAnswer("instruction", ctx, item, answer.text),
  aggregate: aggregateBenchmarkRun("instruction"),
  trainer: instructionTrainer,
};
