import { aggregateBenchmark } from "@/lib/scoring/benchmark-aggregate";
import { type BenchmarkKind, type ItemScores, scoreBenchmarkItem } from "@/lib/scoring/item-score";
import type { ContextItem, SuiteContext } from "./context";
import type { FinishedRow, RunAggregate, ScoredAnswer } from "./types";

/** Scores one answer of a benchmark kind (mcq, ner, generation) with the pure functions of lib/scoring. */
export function scoreBenchmarkAnswer(
  kind: BenchmarkKind,
  ctx: SuiteContext,
  item: ContextItem,
  text: string,
  logprobLetter?: string | null,
): ScoredAnswer {
  const scored = scoreBenchmarkItem(kind, {
    input: item.input,
    gold: item.gold,
    answer: text,
    logprobLetter,
    config: { nerTypes: ctx.nerTypes, tokenizer: ctx.settings.tokenizer, listDelimiter: ctx.listDelimiter },
  });
  return { outcome: scored.outcome, parsed: scored.parsed, scores: scored.scores };
}

/** The aggregate of a benchmark kind: corpus metrics, bootstrap intervals and per-subset figures. */
export function aggregateBenchmarkRun(
  kind: BenchmarkKind,
  extraSummary: Record<string, unknown> = {},
): (ctx: SuiteContext, rows: readonly FinishedRow[]) => RunAggregate {
  return (ctx, rows) => {
    const result = aggregateBenchmark(
      kind,
      rows.map((row) => ({
        subset: row.subset ?? undefined,
        outcome: row.outcome === "unparsed" ? "unparsed" : "scored",
        scores: (row.scores ?? {}) as ItemScores,
      })),
      { seed: ctx.settings.seed },
    );
    return {
      metrics: result.metrics,
      ci: result.ci,
      summary: {
        bySubset: result.bySubset,
        bySubsetCi: result.bySubsetCi,
        scored: result.n,
        unparsed: result.unparsed,
        tokenizer: ctx.settings.tokenizer,
        ...extraSummary,
      },
    };
  };
}

export const chatOnly = { shots: false, template: false, answerMode: false, tokenizer: false, scaleVariants: false };
export const generationMetrics = ["bleu1", "bleu2", "rouge1", "rouge2", "rougeL"] as const;
