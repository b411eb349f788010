import type { NerEntity } from "../types";

export type OffsetOutcome = "ok" | "absent" | "moved" | "case" | "dropped";

function nearest(haystack: string, needle: string, target: number): number | undefined {
  let best: number | undefined;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (best === undefined || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  return best;
}

/**
 * Checks an entity's offset against the text. A wrong offset is moved to the mention's occurrence
 * nearest to it; if the mention only occurs with different letter case (cMedQANER annotates "HIV"
 * where the text says "hiv") the entity takes the text's spelling so it stays extractable; if it does
 * not occur at all the entity is kept without an offset.
 */
export function alignEntity(text: string, entity: NerEntity): { entity: NerEntity; outcome: OffsetOutcome } {
  const { offset } = entity;
  if (offset === undefined) return { entity, outcome: "absent" };
  if (text.startsWith(entity.text, offset)) return { entity, outcome: "ok" };
  const moved = nearest(text, entity.text, offset);
  if (moved !== undefined) return { entity: { ...entity, offset: moved }, outcome: "moved" };
  const lowerText = text.toLowerCase();
  const lowerMention = entity.text.toLowerCase();
  if (lowerText.length === text.length && lowerMention.length === entity.text.length) {
    const at = lowerText.startsWith(lowerMention, offset) ? offset : nearest(lowerText, lowerMention, offset);
    if (at !== undefined) {
      return { entity: { ...entity, text: text.slice(at, at + entity.text.length), offset: at }, outcome: "case" };
    }
  }
  const { offset: _dropped, ...rest } = entity;
  return { entity: rest, outcome: "dropped" };
}

export class OffsetTally {
  private counts: Record<OffsetOutcome, number> = { ok: 0, absent: 0, moved: 0, case: 0, dropped: 0 };

  add(outcome: OffsetOutcome): void {
    this.counts[outcome]++;
  }

  /** One summary line, or none when every given offset matched. */
  warning(fileName: string): string | undefined {
    const { moved, case: cased, dropped } = this.counts;
    const bad = moved + cased + dropped;
    if (bad === 0) return undefined;
    const total = bad + this.counts.ok;
    return (
      `${fileName}: ${bad} of ${total} entity offsets did not match the text: ` +
      `${moved} moved to where the mention occurs, ${cased} matched with different letter case ` +
      `(entity text taken from the text), ${dropped} dropped (mention not in the text)`
    );
  }
}
