export interface EntityPair {
  text: string;
  type: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface NerItemCounts extends Counts {
  perType: Record<string, Counts>;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface MicroPrf extends Prf {
  perType: Record<string, Prf & { support: number }>;
}

/**
 * How entity texts are compared, recorded with every NER score: Unicode NFKC (full-width letters and digits
 * become ASCII, compatibility forms fold) and then Latin letters A-Z lower-cased, on both sides; nothing else.
 */
export const ENTITY_MATCHING = "nfkc+latin-lowercase";

export function normaliseEntityText(text: string): string {
  return text.normalize("NFKC").replace(/[A-Z]+/g, (latin) => latin.toLowerCase());
}

function pairSet(entities: readonly EntityPair[]): Map<string, EntityPair> {
  return new Map(entities.map((e) => [`${e.type}\u0000${normaliseEntityText(e.text)}`, e]));
}

/** (text, type) matching after ENTITY_MATCHING's normalisation; each distinct pair counts once per item on both sides. */
export function nerItemCounts(pred: readonly EntityPair[], gold: readonly EntityPair[]): NerItemCounts {
  const predSet = pairSet(pred);
  const goldSet = pairSet(gold);
  const perType: Record<string, Counts> = {};
  const bump = (type: string, key: keyof Counts) => {
    perType[type] ??= { tp: 0, fp: 0, fn: 0 };
    perType[type][key]++;
  };
  for (const [key, e] of predSet) bump(e.type, goldSet.has(key) ? "tp" : "fp");
  for (const [key, e] of goldSet) if (!predSet.has(key)) bump(e.type, "fn");
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of Object.values(perType)) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return { ...total, perType };
}

/** P/R/F1 from summed counts; every 0/0 is defined as 0. */
export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function microPrf(counts: readonly NerItemCounts[]): MicroPrf {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const byType: Record<string, Counts> = {};
  for (const c of counts) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    for (const [type, tc] of Object.entries(c.perType)) {
      const acc = (byType[type] ??= { tp: 0, fp: 0, fn: 0 });
      acc.tp += tc.tp;
      acc.fp += tc.fp;
      acc.fn += tc.fn;
    }
  }
  const perType: MicroPrf["perType"] = {};
  for (const [type, c] of Object.entries(byType)) perType[type] = { ...prf(c), support: c.tp + c.fn };
  return { ...prf(total), perType };
}
