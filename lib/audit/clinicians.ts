import { biasOfResolved, itemMeans, itemScorer, type ResolvedAnswer, type ScoringKey } from "@/lib/scoring/scale-score";
import type { ScaleDefinition } from "@/lib/suites/scales";
import { isResponseSetSheet, type SheetAnswer } from "@/lib/studies/quality";

/** One clinician's answers to one scale (a rater of a study). */
export interface ClinicianSheet {
  raterId: string;
  answers: SheetAnswer[];
}

export interface Distribution {
  n: number;
  mean: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface CliniciansSummary {
  /** Bias score (mean item score) of each kept sheet, scored by the same functions as a model's run. */
  distribution: Distribution | null;
  /** Sheets left out as response sets (the same option on ≥ 90% of items), unless asked to keep them. */
  flagged: number;
  /** Mean item score over the kept sheets, per item number. */
  itemMeans: Record<number, number>;
}

/** Linear-interpolation quantile (type 7, as R and numpy default) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.ceil(h)] ?? sorted[lo]) - sorted[lo]);
}

export function distributionOf(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1],
  };
}

const resolved = (sheet: ClinicianSheet): ResolvedAnswer[] =>
  sheet.answers.map((a) => ({ itemN: a.itemN, sample: 0, value: a.value, imputed: false, greedy: false }));

/**
 * The clinicians' row of a scale: each sheet scored like a model's answers (same key), the spread of their bias
 * scores, and the mean per item. A clinician answers each item once, so a sheet is one administration.
 */
export function summarizeClinicians(
  scale: ScaleDefinition,
  sheets: readonly ClinicianSheet[],
  { key, keepFlagged = false, orderVaries = false }: { key: ScoringKey; keepFlagged?: boolean; orderVaries?: boolean },
): CliniciansSummary {
  const flaggedSheets = sheets.filter((s) => isResponseSetSheet(s.answers, { orderVaries }));
  const kept = keepFlagged ? sheets : sheets.filter((s) => !flaggedSheets.includes(s));
  const scores = kept.map((s) => biasOfResolved(scale, resolved(s), key).mean).filter((m): m is number => m !== null);
  const means = itemMeans(kept.flatMap(resolved), itemScorer(scale, key));
  return {
    distribution: distributionOf(scores),
    flagged: keepFlagged ? 0 : flaggedSheets.length,
    itemMeans: Object.fromEntries(means),
  };
}

/** Whether a model's score lies within the clinicians' observed range (min–max). */
export function insideRange(score: number | null, distribution: Distribution | null): boolean | null {
  if (score === null || !distribution) return null;
  return score >= distribution.min && score <= distribution.max;
}
