import { aggregatePerplexity, bitsOf, parseDocumentTotals, PERPLEXITY_METRICS, type PerplexityTotals } from "@/lib/scoring/perplexity";
import type { PerplexityInput } from "@/lib/suites/types";
import { chatOnly } from "./benchmark";
import { textTrainer } from "./trainer-example";
import type { TaskDefinition } from "./types";

/** Window defaults, in characters so that every tokenizer sees the same windows. */
export const DEFAULT_CONTEXT_CHARS = 1024;
export const DEFAULT_STRIDE_CHARS = 512;
/** Documents listed one by one in a run's summary (the items table has them all). */
const LISTED_DOCUMENTS = 500;

/**
 * Held-out documents scored by the model's log-probabilities of their own tokens. The raw answer of a document
 * is its totals (see lib/runner/perplexity-client.ts): loss in nats, scored tokens, characters and bytes.
 */
export const perplexityTask: TaskDefinition = {
  kind: "perplexity",
  capability: "completion_logprobs",
  defaults: { maxTokens: 1, samples: 1, greedyPass: false },
  options: { ...chatOnly, windows: true },
  metrics: {
    headline: "bits_per_char",
    leaderboard: PERPLEXITY_METRICS,
    display: "plain",
    lowerIsBetter: PERPLEXITY_METRICS,
  },
  needsAllItems: false,
  trainer: textTrainer,
  prompt(_ctx, item) {
    return { messages: [{ role: "user", content: (item.input as PerplexityInput).text }] };
  },
  wantsLogprobs: () => false,
  score(_ctx, _item, _sample, _prepared, answer) {
    const totals = parseDocumentTotals(answer.text);
    if (!totals) return { outcome: "unparsed", parsed: null, scores: {} };
    // A document of one token has no scored character: nothing to count.
    if (totals.tokens === 0 || totals.chars === 0) return { outcome: "unparsed", parsed: { windows: totals.windows }, scores: {} };
    const { nats, tokens, chars, bytes } = totals;
    return {
      outcome: "scored",
      parsed: { bits_per_char: round(bitsOf(totals) / chars), chars, tokens, windows: totals.windows },
      scores: { nats, tokens, chars, bytes },
    };
  },
  aggregate(ctx, rows) {
    const docs: (PerplexityTotals & { subset: string | null })[] = [];
    for (const row of rows) {
      const s = row.scores ?? {};
      if (row.outcome !== "scored" || ![s.nats, s.tokens, s.chars, s.bytes].every((v) => typeof v === "number")) continue;
      docs.push({ nats: s.nats as number, tokens: s.tokens as number, chars: s.chars as number, bytes: s.bytes as number, subset: row.subset });
    }
    const result = aggregatePerplexity(docs, { seed: ctx.settings.seed });
    const subsets = [...new Set(docs.map((d) => d.subset).filter((s): s is string => s !== null))].sort();
    const bySubset: Record<string, Record<string, number>> = {};
    const bySubsetCi: Record<string, Record<string, [number, number]>> = {};
    for (const subset of subsets) {
      const part = aggregatePerplexity(docs.filter((d) => d.subset === subset), { seed: ctx.settings.seed });
      bySubset[subset] = { ...part.metrics, n: part.documents };
      bySubsetCi[subset] = part.ci;
    }
    return {
      metrics: result.metrics,
      ci: result.ci,
      summary: {
        scored: result.documents,
        unparsed: rows.length - docs.length,
        contextChars: ctx.settings.contextChars ?? DEFAULT_CONTEXT_CHARS,
        strideChars: ctx.settings.strideChars ?? DEFAULT_STRIDE_CHARS,
        totals: result.totals,
        bySubset,
        bySubsetCi,
        documents: rows
          .filter((row) => row.outcome === "scored")
          .slice(0, LISTED_DOCUMENTS)
          .map((row) => ({ id: row.externalId ?? null, bits_per_char: (row.parsed as { bits_per_char?: number } | null)?.bits_per_char ?? null, chars: row.scores?.chars ?? null })),
        documentsListed: Math.min(LISTED_DOCUMENTS, docs.length),
      },
    };
  },
};

const round = (v: number) => Math.round(v * 1e6) / 1e6;
