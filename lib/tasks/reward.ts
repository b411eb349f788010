import { aggregateReward, pairCredit, parseRewardScores, type RewardPair } from "@/lib/scoring/reward";
import type { RewardInput } from "@/lib/suites/types";
import { chatOnly } from "./benchmark";
import { rewardTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

/** Preference tuples scored by a reward model (or a baseline): accuracy is the share ranked right, ties half. */
export const rewardTask: TaskDefinition = {
  kind: "reward",
  capability: "reward_score",
  // maxTokens bounds a judge's verdict ("A" or "B"); reward scorers ignore it.
  defaults: { maxTokens: 16, samples: 1, greedyPass: false },
  options: chatOnly,
  metrics: { headline: "accuracy", leaderboard: ["accuracy"], display: "percent" },
  needsAllItems: false,
  // What the scorer is given: the prompt, then the chosen and the rejected answer (each scored after the
  // prompt). Both answers are in the messages so the response cache tells two tuples of one prompt apart.
  prompt(_ctx, item) {
    const { prompt, chosen, rejected } = item.input as RewardInput;
    return {
      messages: [
        { role: "user", content: prompt },
        { role: "assistant", content: chosen },
        { role: "assistant", content: rejected },
      ],
    };
  },
  wantsLogprobs: () => false,
  score(_ctx, _item, _sample, _prepared, answer) {
    const rewards = parseRewardScores(answer.text);
    const judge = isJudgeAnswer(answer.text);
    if (!rewards) return { outcome: "unparsed", parsed: { judge }, scores: {} };
    const credit = pairCredit(rewards);
    return {
      outcome: "scored",
      parsed: { ...rewards, margin: rewards.chosen - rewards.rejected, judge },
      scores: { credit, chosen: rewards.chosen, rejected: rewards.rejected },
    };
  },
  aggregate(ctx, rows) {
    const pairs: RewardPair[] = [];
    for (const row of rows) {
      const s = row.scores ?? {};
      if (row.outcome !== "scored" || typeof s.chosen !== "number" || typeof s.rejected !== "number") continue;
      pairs.push({ chosen: s.chosen, rejected: s.rejected, ...(row.subset ? { category: row.subset } : {}) });
    }
    const result = aggregateReward(pairs, { seed: ctx.settings.seed });
    // A chat model judging the tuples is reported as a judge, never as a reward model.
    const scorer = rows.some((row) => (row.parsed as { judge?: unknown } | null)?.judge === true) ? "judge" : "reward";
    const metrics: Record<string, number> = pairs.length > 0 ? { accuracy: result.accuracy } : {};
    const ci: Record<string, [number, number]> = result.ci ? { accuracy: result.ci } : {};
    return {
      metrics,
      ci,
      summary: {
        scorer,
        scored: result.n,
        unparsed: rows.length - pairs.length,
        ties: result.ties,
        // Per category in the shape the run page's subset table reads.
        bySubset: Object.fromEntries(Object.entries(result.byCategory).map(([c, v]) => [c, { accuracy: v.accuracy, n: v.n }])),
        bySubsetCi: Object.fromEntries(
          Object.entries(result.byCategory).flatMap(([c, v]) => (v.ci ? [[c, { accuracy: v.ci }]] : [])),
        ),
        byCategory: result.byCategory,
        margins: result.margins,
      },
    };
  },
  trainer: rewardTrainer,
};

function isJudgeAnswer(text: string): boolean {
  try {
    return (JSON.parse(text) as { judge?: unknown } | null)?.judge === true;
  } catch {
    return false;
  }
}
