import { likertFromLogprobs, parseLikert } from "@/lib/scoring/likert";
import { aggregateScale } from "@/lib/scoring/scale-aggregate";
import type { ScaleAnswer } from "@/lib/scoring/scale-score";
import { buildScaleAdministration } from "@/lib/suites/prompts/scale";
import { agreementOptions } from "@/lib/suites/scales";
import type { ScaleInput } from "@/lib/suites/types";
import { isGreedySample } from "./samples";
import type { TaskDefinition } from "./types";

export const scaleTask: TaskDefinition = {
  kind: "scale",
  capability: "chat",
  defaults: { maxTokens: 64, samples: 10, greedyPass: true },
  options: { shots: false, template: false, answerMode: true, tokenizer: false, scaleVariants: true },
  // Scales have their own audit page; the leaderboard lists none of their metrics.
  metrics: { headline: "bias", leaderboard: [], display: "plain" },
  needsAllItems: true,
  prompt(ctx, item, sample) {
    const { settings } = ctx;
    const administration = buildScaleAdministration({
      scale: ctx.scale!,
      item: item.input as ScaleInput,
      instruction: settings.instruction,
      order: settings.order,
      labels: settings.labels,
      seed: settings.seed,
      sample,
    });
    if ("error" in administration) return administration;
    return { messages: administration.messages, presentation: administration.presentation };
  },
  wantsLogprobs: (ctx) => ctx.settings.answerMode === "logprobs",
  score(ctx, _item, sample, prepared, answer) {
    const presentation = prepared.presentation!;
    const greedy = isGreedySample(ctx.settings, sample);
    const base = { presentation: presentation.values, labels: presentation.labels, greedy };
    if (ctx.settings.answerMode === "logprobs" && answer.topLogprobs) {
      const lp = likertFromLogprobs(answer.topLogprobs, presentation);
      if (lp) {
        return {
          outcome: "scored",
          parsed: { ...base, rule: "logprob", value: lp.argmax, position: lp.position, probs: lp.probs, expected: lp.expected },
          scores: { value: lp.argmax, expected: lp.expected },
        };
      }
    }
    const parse = parseLikert(answer.text, presentation, agreementOptions(ctx.scale!));
    if (parse.outcome !== "parsed") return { outcome: parse.outcome, parsed: { ...base }, scores: {} };
    return {
      outcome: "scored",
      parsed: { ...base, rule: parse.rule, value: parse.value, position: parse.position },
      scores: { value: parse.value! },
    };
  },
  aggregate(ctx, rows) {
    const { settings } = ctx;
    const answers: ScaleAnswer[] = rows.map((row) => {
      const parsed = (row.parsed ?? {}) as { value?: number; position?: number; greedy?: boolean };
      const greedy = parsed.greedy === true;
      return {
        itemN: row.itemN!,
        sample: greedy ? 0 : row.sample - (settings.greedyPass ? 1 : 0),
        outcome: row.outcome === "scored" ? "parsed" : (row.outcome as "refused" | "unparsed"),
        value: row.outcome === "scored" ? parsed.value : undefined,
        letterPosition: parsed.position,
        greedy,
      };
    });
    const result = aggregateScale(ctx.scale!, answers, {
      key: settings.key,
      missing: settings.missing,
      seed: settings.seed,
      orderVaries: settings.order === "shuffled",
    });
    return { metrics: result.metrics, ci: result.ci, summary: { counts: result.counts, labels: result.labels, quality: result.quality } };
  },
};
