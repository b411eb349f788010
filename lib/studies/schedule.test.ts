import { describe, expect, it } from "vitest";
import { pairsForRater, type PairPlan, runPairs } from "./schedule";

const items = Array.from({ length: 10 }, (_, i) => `item-${i}`);
const plan = (over: Partial<PairPlan> = {}): PairPlan => ({
  itemIds: items,
  runIds: ["r1", "r2", "r3"],
  ratersPerPair: 2,
  pairsPerRater: 10,
  seed: "study-1",
  ...over,
});
const unitKey = (s: { itemId: string; runAId: string; runBId: string }) => `${s.itemId}|${s.runAId}|${s.runBId}`;

function countBy<T>(values: readonly T[], key: (v: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(key(v), (out.get(key(v)) ?? 0) + 1);
  return out;
}

describe("pair scheduling", () => {
  it("lists each unordered pair of runs once", () => {
    expect(runPairs(["a", "b", "c"])).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["b", "c"],
    ]);
  });

  it("gives every item × model pair to exactly raters-per-pair raters once enough raters have joined", () => {
    // 10 items × 3 model pairs = 30 units; 2 raters each → 60 slots; 6 raters × 10 pairs fill them exactly.
    const all = Array.from({ length: 6 }, (_, r) => pairsForRater(plan(), r)).flat();
    const seen = countBy(all, unitKey);
    expect(seen.size).toBe(30);
    expect([...seen.values()].every((n) => n === 2)).toBe(true);
  });

  it("shows each unit once on each side when two raters see it, and balances sides per model pair", () => {
    const all = Array.from({ length: 6 }, (_, r) => pairsForRater(plan(), r)).flat();
    const lefts = countBy(all, (s) => `${unitKey(s)}|${s.leftRunId}`);
    expect([...lefts.values()].every((n) => n === 1)).toBe(true);
    for (const [a, b] of runPairs(["r1", "r2", "r3"])) {
      const ofPair = all.filter((s) => s.runAId === a && s.runBId === b);
      expect(ofPair.filter((s) => s.leftRunId === a).length).toBe(ofPair.length / 2);
    }
  });

  it("never gives a rater the same unit twice, and spreads each rater's pairs over the model pairs and sides", () => {
    for (let r = 0; r < 12; r++) {
      const mine = pairsForRater(plan({ ratersPerPair: 3 }), r);
      expect(new Set(mine.map(unitKey)).size).toBe(mine.length);
      const perPair = countBy(mine, (s) => `${s.runAId}|${s.runBId}`);
      expect(Math.max(...perPair.values()) - Math.min(...perPair.values())).toBeLessThanOrEqual(1);
      const leftFirst = mine.filter((s) => s.leftRunId === s.runAId).length;
      expect(Math.abs(leftFirst - mine.length / 2)).toBeLessThanOrEqual(1);
    }
  });

  it("caps a rater's pairs at the number of units and is deterministic", () => {
    expect(pairsForRater(plan({ itemIds: ["x"], runIds: ["a", "b"], pairsPerRater: 5 }), 0)).toHaveLength(1);
    expect(pairsForRater(plan(), 3)).toEqual(pairsForRater(plan(), 3));
    expect(pairsForRater(plan({ runIds: ["only"] }), 0)).toEqual([]);
  });
});
