import { aggregateBenchmark } from "@/lib/scoring/benchmark-aggregate";
import type { BenchmarkKind, ItemScores } from "@/lib/scoring/item-score";
import { ENTITY_MATCHING } from "@/lib/scoring/ner-metrics";
import { aggregateScale } from "@/lib/scoring/scale-aggregate";
import type { ScaleAnswer } from "@/lib/scoring/scale-score";
import type { SuiteContext } from "./suite-context";

export interface FinishedRow {
  sample: number;
  outcome: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  subset: string | null;
  /** The scale item's number (null for benchmark items). */
  itemN: number | null;
}

export interface RunAggregate {
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  summary: Record<string, unknown>;
}

/** Metrics of a run from its finished rows, with the pure aggregate functions of lib/scoring. */
export function aggregateRun(ctx: SuiteContext, rows: readonly FinishedRow[]): RunAggregate {
  const { settings } = ctx;
  if (ctx.kind === "scale") {
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
  }
  const result = aggregateBenchmark(
    ctx.kind as BenchmarkKind,
    rows.map((row) => ({
      subset: row.subset ?? undefined,
      outcome: row.outcome === "unparsed" ? "unparsed" : "scored",
      scores: (row.scores ?? {}) as ItemScores,
    })),
    { seed: settings.seed },
  );
  return {
    metrics: result.metrics,
    ci: result.ci,
    summary: {
      bySubset: result.bySubset,
      bySubsetCi: result.bySubsetCi,
      scored: result.n,
      unparsed: result.unparsed,
      tokenizer: settings.tokenizer,
      ...(ctx.kind === "ner" ? { entityMatching: ENTITY_MATCHING } : {}),
    },
  };
}
