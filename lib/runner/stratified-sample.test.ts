import { describe, expect, it } from "vitest";
import { createRng, hashString } from "@/lib/scoring/random";
import { allocate, stratifiedSample } from "./stratified-sample";

/** 10 subjects of very different sizes, in position order grouped by subject (as CMMLU's file is). */
const sizes = [300, 250, 200, 400, 150, 90, 60, 300, 200, 97];
const items = sizes.flatMap((n, s) => Array.from({ length: n }, (_, i) => ({ id: `s${s}-${i}`, subset: `subject-${s}` })));
const countBy = (sample: readonly { subset: string | null }[]) => {
  const counts: Record<string, number> = {};
  for (const c of sample) counts[c.subset ?? ""] = (counts[c.subset ?? ""] ?? 0) + 1;
  return counts;
};

describe("stratifiedSample", () => {
  it("gives each stratum its proportional share (within one item) instead of the first N items", () => {
    const sample = stratifiedSample(items, { limit: 200, seed: 1 });
    expect(sample).toHaveLength(200);
    const counts = countBy(sample);
    expect(Object.keys(counts)).toHaveLength(10);
    sizes.forEach((n, s) => {
      const exact = (200 * n) / items.length;
      expect(Math.abs(counts[`subject-${s}`] - exact)).toBeLessThan(1);
    });
  });

  it("is deterministic per seed and differs between seeds", () => {
    const a = stratifiedSample(items, { limit: 100, seed: 7 }).map((c) => c.id);
    expect(stratifiedSample(items, { limit: 100, seed: 7 }).map((c) => c.id)).toEqual(a);
    expect(stratifiedSample(items, { limit: 100, seed: 8 }).map((c) => c.id)).not.toEqual(a);
    // Within a stratum the items are drawn, not the first ones.
    const firstSubject = a.filter((id) => id.startsWith("s0-"));
    expect(firstSubject).not.toEqual(firstSubject.map((_, i) => `s0-${i}`));
  });

  it("represents every stratum when the limit is at least the number of strata", () => {
    const skewed = [...items, { id: "rare", subset: "rare" }];
    for (const limit of [11, 12, 30]) {
      const counts = countBy(stratifiedSample(skewed, { limit, seed: 3 }));
      expect(Object.keys(counts)).toHaveLength(11);
      expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(limit);
    }
    expect(Object.keys(countBy(stratifiedSample(skewed, { limit: 5, seed: 3 })))).toHaveLength(5);
  });

  it("keeps the candidates' order and returns everything when the limit covers them", () => {
    const sample = stratifiedSample(items, { limit: 50, seed: 2 });
    const positions = sample.map((c) => items.indexOf(c));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(stratifiedSample(items, { limit: items.length + 5, seed: 2 })).toHaveLength(items.length);
  });

  it("does not depend on the order the strata first appear in", () => {
    const a = { id: "a1", subset: "a" };
    const b = { id: "b1", subset: "b" };
    // One item for two equal strata: the tie goes to the stratum first in key order, wherever it stands.
    expect(stratifiedSample([b, a], { limit: 1, seed: 5 })).toEqual([a]);
    expect(stratifiedSample([a, b], { limit: 1, seed: 5 })).toEqual([a]);
  });

  it("treats items without a subset as one stratum", () => {
    const mixed = [...Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, subset: null })), ...items.slice(0, 30)];
    expect(countBy(stratifiedSample(mixed, { limit: 10, seed: 4 }))).toEqual({ "": 5, "subject-0": 5 });
  });
});

describe("allocate", () => {
  it("apportions by largest remainder and lifts empty strata to one from the most over-represented", () => {
    // exact shares of 10 over [90, 9, 1]: 9, 0.9, 0.1 → floors 9, 0, 0 → at least one each: 8, 1, 1.
    expect(allocate([90, 9, 1], 10)).toEqual([8, 1, 1]);
    // exact shares of 7 over [5, 3, 2]: 3.5, 2.1, 1.4 → floors 3, 2, 1 → the remainder goes to .5.
    expect(allocate([5, 3, 2], 7)).toEqual([4, 2, 1]);
    expect(allocate([5, 5], 1)).toEqual([1, 0]);
    expect(allocate([5, 5, 5], 1)).toEqual([1, 0, 0]);
    expect(allocate([5, 5, 5, 5], 2)).toEqual([1, 1, 0, 0]);
  });

  it("takes an item back from the stratum most over its exact share when lifting to one overshoots", () => {
    // exact shares of 6 over [1, 1, 1, 9, 11]: 0.26, 0.26, 0.26, 2.35, 2.87 → floors lifted to one: 1, 1, 1, 2, 2
    // = 7. The fourth stratum is further over its share (2 vs 2.35) than the fifth (2 vs 2.87): it gives one back.
    expect(allocate([1, 1, 1, 9, 11], 6)).toEqual([1, 1, 1, 1, 2]);
  });
});

describe("the draw within a stratum", () => {
  it("is the first items of a Fisher–Yates shuffle seeded by the seed and the stratum's name", () => {
    const stratum = Array.from({ length: 8 }, (_, i) => ({ id: `x${i}`, subset: "s" }));
    for (let seed = 0; seed < 20; seed++) {
      // The shuffle written out here, from the same seeded generator.
      const rng = createRng((seed ^ hashString("s")) >>> 0);
      const order = stratum.map((c) => c.id);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const expected = stratum.filter((c) => order.slice(0, 3).includes(c.id));
      expect(stratifiedSample(stratum, { limit: 3, seed })).toEqual(expected);
    }
  });
});
