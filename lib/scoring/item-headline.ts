import { prf } from "./ner-metrics";

export interface HeadlineRow {
  status: string;
  outcome: string | null;
  scores: Record<string, unknown> | null;
  parsed: unknown;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * One number per finished item, the item-level face of the kind's headline metric: right (1) or wrong (0) for
 * multiple choice, the item's entity F1 for NER, ROUGE-L for generation, the answered value for a scale item.
 * Null when the item has no score (an error, or a scale item that was not answered). lib/db/queries/compare.ts
 * computes the same number in SQL for filtering; a test keeps the two equal.
 */
export function itemHeadlineScore(kind: string, row: HeadlineRow): number | null {
  if (row.status !== "done") return null;
  const scores = row.scores ?? {};
  switch (kind) {
    case "mcq":
      return row.outcome === "unparsed" ? 0 : num(scores.correct);
    case "ner": {
      const tp = num(scores.tp);
      const fp = num(scores.fp);
      const fn = num(scores.fn);
      return tp + fp + fn === 0 ? 1 : prf({ tp, fp, fn }).f1;
    }
    case "perplexity": {
      // A document's bits per character (lower is better).
      const chars = num(scores.chars);
      return row.outcome === "scored" && chars > 0 ? num(scores.nats) / Math.LN2 / chars : null;
    }
    case "scale": {
      const value = (row.parsed as { value?: unknown } | null)?.value;
      return row.outcome === "scored" && typeof value === "number" ? value : null;
    }
    default:
      return num(scores.rougeL);
  }
}
