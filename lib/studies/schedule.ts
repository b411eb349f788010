import { createRng, hashString } from "@/lib/scoring/random";

/** One pair to rate: an item and two runs, with the run shown on the left (as answer A). */
export interface PairSlot {
  itemId: string;
  runAId: string;
  runBId: string;
  leftRunId: string;
}

export interface PairPlan {
  /** Items every run answered, in any order (the plan shuffles them with the seed). */
  itemIds: readonly string[];
  /** At least two runs; every unordered pair of them is rated. */
  runIds: readonly string[];
  ratersPerPair: number;
  /** Pairs each rater is given (capped at the number of distinct item × model-pair units). */
  pairsPerRater: number;
  seed: string;
}

/** Every unordered pair of runs, in the given order. */
export function runPairs(runIds: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < runIds.length; i++) for (let j = i + 1; j < runIds.length; j++) out.push([runIds[i], runIds[j]]);
  return out;
}

function shuffled<T>(values: readonly T[], seed: string): T[] {
  const rng = createRng(hashString(seed));
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The pairs of the rater who joined `raterIndex`-th (0-based). All units (item × model pair) are laid out in
 * one seeded order, repeated `ratersPerPair` times ("rounds"); raters take consecutive windows of that cycle.
 * So each unit is seen by `ratersPerPair` raters before any is seen again, a window never holds the same unit
 * twice (the same unit recurs only a whole round later), consecutive units rotate through the model pairs, and
 * the side shown alternates with both the unit and the round: each copy of a unit in round r shows the other
 * run on the left than in round r − 1, and within a window half the pairs show the first run of their pair left.
 */
export function pairsForRater(plan: PairPlan, raterIndex: number): PairSlot[] {
  if (plan.runIds.length < 2 || plan.itemIds.length === 0) return [];
  const pairs = runPairs(plan.runIds);
  const items = shuffled(plan.itemIds, `${plan.seed}:items`);
  const units: { itemId: string; pair: [string, string] }[] = [];
  items.forEach((itemId, i) => {
    for (let p = 0; p < pairs.length; p++) units.push({ itemId, pair: pairs[(i + p) % pairs.length] });
  });
  const rounds = Math.max(2, plan.ratersPerPair);
  const cycle = units.length * rounds;
  const length = Math.min(plan.pairsPerRater, units.length);
  const start = (raterIndex * length) % cycle;
  return Array.from({ length }, (_, k) => {
    const position = (start + k) % cycle;
    const round = Math.floor(position / units.length);
    const u = position % units.length;
    const { itemId, pair } = units[u];
    const [runAId, runBId] = pair;
    return { itemId, runAId, runBId, leftRunId: (u + round) % 2 === 0 ? runAId : runBId };
  });
}
