import { pickLetterFromLogprobs } from "@/lib/scoring/mcq-answer";
import { buildMcqMessages } from "@/lib/suites/prompts/mcq";
import type { McqInput } from "@/lib/suites/types";
import { aggregateBenchmarkRun, chatOnly, scoreBenchmarkAnswer } from "./benchmark";
import { mcqTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

export const mcqTask: TaskDefinition = {
  kind: "mcq",
  capability: "chat",
  defaults: { maxTokens: 64, samples: 1, greedyPass: false },
  options: { ...chatOnly, shots: true, template: true, answerMode: true },
  metrics: { headline: "accuracy", leaderboard: ["accuracy"], display: "percent" },
  needsAllItems: false,
  prompt(ctx, item) {
    const input = item.input as McqInput;
    const messages = buildMcqMessages(input, {
      template: ctx.settings.template,
      subjectLabel: (item.subset ? ctx.subjectLabels[item.subset] : undefined) ?? input.subject,
      shots: ctx.shots.get(item.subset ?? "") ?? ctx.shots.get("") ?? [],
      systemPrompt: ctx.settings.systemPrompt ?? undefined,
    });
    return { messages };
  },
  wantsLogprobs: (ctx) => ctx.settings.answerMode === "logprobs",
  score(ctx, item, _sample, _prepared, answer) {
    const logprobLetter =
      ctx.settings.answerMode === "logprobs" && answer.topLogprobs
        ? pickLetterFromLogprobs(answer.topLogprobs, Object.keys((item.input as McqInput).options))
        : undefined;
    return scoreBenchmarkAnswer("mcq", ctx, item, answer.text, logprobLetter);
  },
  aggregate: aggregateBenchmarkRun("mcq"),
  trainer: mcqTrainer,
};
