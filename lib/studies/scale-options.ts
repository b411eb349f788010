import { hashString } from "@/lib/scoring/random";
import { agreementOptions, type ScaleDefinition } from "@/lib/suites/scales";
import { type ScaleOptionOrder, shownOrder } from "@/lib/suites/prompts/scale";

/**
 * Agreement values at each shown position for one rater and item: the study's option order, as the model
 * audit shows it; a shuffled order is seeded by the rater, so a rater sees the same order on every visit.
 */
export function raterOptionValues(scale: ScaleDefinition, order: string, raterId: string, itemN: number): number[] {
  return shownOrder(scale, order as ScaleOptionOrder, hashString(raterId), itemN, 0);
}

/** The shown options (text in both languages) of one item for one rater. */
export function raterOptions(scale: ScaleDefinition, order: string, raterId: string, itemN: number) {
  const options = agreementOptions(scale);
  return raterOptionValues(scale, order, raterId, itemN).map((value) => ({
    zh: options[value - 1].zh,
    en: options[value - 1].en,
  }));
}
