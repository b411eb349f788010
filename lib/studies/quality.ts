import { responsePatterns } from "@/lib/scoring/scale-quality";

/** Fewer decided pairs than this say nothing about a side habit. */
export const SAME_SIDE_MIN_PAIRS = 5;

export interface SheetAnswer {
  itemN: number;
  value: number;
  letterPosition: number | null;
}

/** A rater's scale sheet flagged as a response set by the same rule as a model's (the same option ≥ 90%). */
export function isResponseSetSheet(answers: readonly SheetAnswer[], { orderVaries }: { orderVaries: boolean }): boolean {
  return responsePatterns(
    answers.map((a) => ({
      itemN: a.itemN,
      sample: 0,
      outcome: "parsed" as const,
      value: a.value,
      letterPosition: a.letterPosition ?? undefined,
    })),
    { orderVaries },
  ).responseSet;
}

export interface PairChoice {
  runAId: string;
  leftRunId: string | null;
  choice: string | null;
}

/** The side (left/right) a judgement picked; null for a tie or a pointwise-only judgement. */
export function chosenSide(j: PairChoice): "left" | "right" | null {
  if (j.choice !== "a" && j.choice !== "b") return null;
  const pickedA = j.choice === "a";
  const aOnLeft = j.leftRunId === j.runAId;
  return pickedA === aOnLeft ? "left" : "right";
}

/** The same side picked on every decided pair (at least SAME_SIDE_MIN_PAIRS of them): a response set. */
export function isSameSideEveryPair(judgements: readonly PairChoice[]): boolean {
  const sides = judgements.map(chosenSide).filter((s) => s !== null);
  return sides.length >= SAME_SIDE_MIN_PAIRS && sides.every((s) => s === sides[0]);
}
