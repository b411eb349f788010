import type { ScaleAnswer } from "./scale-score";

/** At or above this share of parsed answers on one shown option, the audit flags a response set. */
export const RESPONSE_SET_SHARE = 0.9;
/**
 * Order effect: in a run whose option order varies (shuffled), the share of parsed answers at the most chosen
 * shown position minus the share at the most chosen agreement value. When answers follow the position more than
 * the meaning by at least this much, the position (administration order), not the statements, drives the score.
 */
export const ORDER_EFFECT_SHARE = 0.3;

export interface SubscaleBasis {
  id: string;
  /** Items of the subscale with at least one scored answer. */
  answered: number;
  items: number;
  /** Fewer answered items than the subscale has: its sum is the answered items' mean × item count. */
  prorated: boolean;
}

/** How many items stand behind each subscale score, and which scores are pro-rated from fewer items. */
export function subscaleBasis(
  subscales: readonly { id: string; items: readonly number[] }[],
  scoredItems: ReadonlySet<number>,
): SubscaleBasis[] {
  return subscales.map((s) => {
    const answered = s.items.filter((n) => scoredItems.has(n)).length;
    return { id: s.id, answered, items: s.items.length, prorated: answered < s.items.length };
  });
}

export interface ResponsePatterns {
  /** Share of parsed answers on the most chosen option: the same shown letter, or the same answer (value). */
  sameOptionShare: number | null;
  responseSet: boolean;
  /** Position share minus value share (see ORDER_EFFECT_SHARE); null unless the order varied within the run. */
  orderEffect: number | null;
  orderDominates: boolean;
}

/** Response-set and order-effect indicators of one run's parsed answers. */
export function responsePatterns(answers: readonly ScaleAnswer[], { orderVaries }: { orderVaries: boolean }): ResponsePatterns {
  const parsed = answers.filter((a) => a.outcome === "parsed");
  const modalShare = (keys: (number | undefined)[]) => {
    const counts = new Map<number, number>();
    for (const k of keys) if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    const n = [...counts.values()].reduce((s, c) => s + c, 0);
    return n > 0 ? Math.max(...counts.values()) / n : null;
  };
  const position = modalShare(parsed.map((a) => a.letterPosition ?? a.value));
  const value = modalShare(parsed.map((a) => a.value));
  const orderEffect = orderVaries && position !== null && value !== null ? position - value : null;
  return {
    sameOptionShare: position === null || value === null ? null : Math.max(position, value),
    responseSet: position !== null && value !== null && Math.max(position, value) >= RESPONSE_SET_SHARE,
    orderEffect,
    orderDominates: orderEffect !== null && orderEffect >= ORDER_EFFECT_SHARE,
  };
}
