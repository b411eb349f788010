import { describe, expect, test } from "vitest";
import { bradleyTerryRanking, bradleyTerryStrengths, eloScale, winRateMatrix, type PairOutcome } from "./bradley-terry";

function games(a: string, b: string, aWins: number, bWins: number, ties = 0): PairOutcome[] {
  return [
    ...Array.from({ length: aWins }, () => ({ a, b, winner: "a" as const })),
    ...Array.from({ length: bWins }, () => ({ a, b, winner: "b" as const })),
    ...Array.from({ length: ties }, () => ({ a, b, winner: "tie" as const })),
  ];
}

// A–B 2:1, B–C 2:1, A–C 4:1. The MLE is p = (4, 2, 1) up to scale: for A, Σ n·p/(p+q) = 3·4/6 + 5·4/5 = 6 =
// its 6 wins; for B, 3·2/6 + 3·2/3 = 3 = its 3 wins; for C, 5·1/5 + 3·1/3 = 2 = its 2 wins.
const consistent = [...games("A", "B", 2, 1), ...games("B", "C", 2, 1), ...games("A", "C", 4, 1)];

describe("bradleyTerryStrengths", () => {
  test("hand-computed 3-model case: strengths 4 : 2 : 1 without a prior", () => {
    const [a, b, c] = bradleyTerryStrengths(consistent, ["A", "B", "C"], { prior: 0 });
    expect(a / c).toBeCloseTo(4, 8);
    expect(b / c).toBeCloseTo(2, 8);
    expect(a * b * c).toBeCloseTo(1, 8); // geometric mean 1
  });

  test("a tie is half a win for each side: 1 win + 1 tie gives odds 1.5 : 0.5 = 3", () => {
    const [a, b] = bradleyTerryStrengths([...games("A", "B", 1, 0, 1)], ["A", "B"], { prior: 0 });
    expect(a / b).toBeCloseTo(3, 8);
  });

  test("an undefeated model stays finite with the prior and is ranked first", () => {
    const [a, b] = bradleyTerryStrengths(games("A", "B", 5, 0), ["A", "B"]);
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBeGreaterThan(b);
  });

  test("the prior is `prior` wins and `prior` losses against a reference of strength 1", () => {
    // A 5–0 B with prior 3 solves W + prior = Σ n·p/(p + q) + 2·prior·p/(p + 1) at p_A = 2, p_B = 1/2:
    // A: 5 + 3 = 5·2/2.5 + 6·2/3 = 4 + 4; B: 0 + 3 = 5·0.5/2.5 + 6·0.5/1.5 = 1 + 2.
    const [a, b] = bradleyTerryStrengths(games("A", "B", 5, 0), ["A", "B"], { prior: 3 });
    expect(a).toBeCloseTo(2, 8);
    expect(b).toBeCloseTo(0.5, 8);
  });

  test("maxIterations caps the MM steps: none leaves every strength at 1, one step gives 1.5 : 1 : 0.5", () => {
    expect(bradleyTerryStrengths(consistent, ["A", "B", "C"], { prior: 0, maxIterations: 0 })).toEqual([1, 1, 1]);
    // From p = 1: A 6 wins / (3/2 + 5/2) = 1.5, B 3 / (3/2 + 3/2) = 1, C 2 / (5/2 + 3/2) = 0.5.
    const [a, b, c] = bradleyTerryStrengths(consistent, ["A", "B", "C"], { prior: 0, maxIterations: 1 });
    expect(a / c).toBeCloseTo(3, 12);
    expect(b / c).toBeCloseTo(2, 12);
  });

  test("stops only once every strength moves by less than the tolerance (in log)", () => {
    // Step 1 gives 1.5 : 1 : 0.5, rescaled by g = 0.75^(1/3): C moves |ln(0.5/g)| = 0.60 (B only 0.10), so
    // with tolerance 0.2 it goes on. Step 2 from (1.5, 1, 0.5): A 6 / (3/2.5 + 5/2) = 6/3.7, B 3 / (3/2.5 + 3/1.5)
    // = 0.9375, C 2 / (5/2 + 3/1.5) = 2/4.5; the largest move is A's, ln(1.0811/0.9658) = 0.11 < 0.2: stop.
    // A/C = (6/3.7) / (2/4.5) = 135/37.
    const [a, , c] = bradleyTerryStrengths(consistent, ["A", "B", "C"], { prior: 0, tolerance: 0.2 });
    expect(a / c).toBeCloseTo(135 / 37, 12);
  });

  test("a named contestant without judgements stays finite and leaves the others' odds alone, even without a prior", () => {
    const [a, b, c] = bradleyTerryStrengths(games("A", "B", 2, 1), ["A", "B", "C"], { prior: 0 });
    expect(a / b).toBeCloseTo(2, 8);
    expect(Number.isFinite(c)).toBe(true);
  });

  test("judgements with a contestant outside `names` are ignored", () => {
    const outside: PairOutcome[] = [
      { a: "A", b: "D", winner: "a" },
      { a: "D", b: "C", winner: "b" },
      { a: "D", b: "E", winner: "tie" },
    ];
    const base = bradleyTerryStrengths(consistent, ["A", "B", "C"]);
    expect(bradleyTerryStrengths([...outside, ...consistent], ["A", "B", "C"])).toEqual(base);
  });

  test("a contestant judged against itself is ignored", () => {
    const self: PairOutcome[] = [
      { a: "A", b: "A", winner: "a" },
      { a: "C", b: "C", winner: "tie" },
    ];
    const base = bradleyTerryStrengths(consistent, ["A", "B", "C"]);
    expect(bradleyTerryStrengths([...self, ...consistent], ["A", "B", "C"])).toEqual(base);
    // Counted, a self-game would add a win and 2 games at p_i + p_i: A's first step would be 7/5, C's 3/5.
    const [a, , c] = bradleyTerryStrengths([...self, ...consistent], ["A", "B", "C"], { prior: 0, maxIterations: 1 });
    expect(a / c).toBeCloseTo(3, 12);
  });

  test("the small prior barely moves a well-observed case", () => {
    const many = [...games("A", "B", 20, 10), ...games("B", "C", 20, 10), ...games("A", "C", 40, 10)];
    const [a, , c] = bradleyTerryStrengths(many, ["A", "B", "C"]);
    expect(a / c).toBeCloseTo(4, 0);
  });
});

describe("bradleyTerryRanking", () => {
  test("Elo-like scale: 2:1 odds are 400·log10 2 ≈ 120.4 points apart, centred on 1000", () => {
    const { ranking, judgements } = bradleyTerryRanking(consistent, { prior: 0, resamples: 50 });
    expect(judgements).toBe(11);
    expect(ranking.map((r) => r.name)).toEqual(["A", "B", "C"]);
    expect(ranking[0].rating - ranking[1].rating).toBeCloseTo(400 * Math.log10(2), 6);
    expect(ranking[1].rating).toBeCloseTo(1000, 6);
    expect(ranking.map((r) => r.judgements)).toEqual([8, 6, 8]);
  });

  test("bootstrap intervals bracket each rating (default prior)", () => {
    const { ranking } = bradleyTerryRanking(consistent);
    for (const r of ranking) {
      expect(r.interval![0]).toBeLessThanOrEqual(r.rating + 1e-9);
      expect(r.interval![1]).toBeGreaterThanOrEqual(r.rating - 1e-9);
    }
  });

  test("best first by rating, whatever the names' order", () => {
    // The consistent case with the names reversed: C 4 : B 2 : A 1.
    const reversed = [...games("C", "B", 2, 1), ...games("B", "A", 2, 1), ...games("C", "A", 4, 1)];
    const { ranking } = bradleyTerryRanking(reversed, { prior: 0, resamples: 10 });
    expect(ranking.map((r) => r.name)).toEqual(["C", "B", "A"]);
    expect(ranking[0].rating - ranking[2].rating).toBeCloseTo(400 * Math.log10(4), 6);
  });

  test("identical judgements: every resample is the data again, so each interval is the point rating", () => {
    for (const resamples of [1, 200]) {
      const { ranking } = bradleyTerryRanking(games("A", "B", 3, 0), { resamples });
      for (const r of ranking) expect(r.interval).toEqual([r.rating, r.rating]);
    }
  });

  test("one resample is one rating per contestant: both ends of the interval are that rating", () => {
    const { ranking } = bradleyTerryRanking(consistent, { resamples: 1 });
    for (const r of ranking) expect(r.interval![0]).toBe(r.interval![1]);
  });

  test("a 60% interval lies inside the 95% one", () => {
    const wide = bradleyTerryRanking(consistent, { confidence: 0.95 }).ranking;
    const narrow = bradleyTerryRanking(consistent, { confidence: 0.6 }).ranking;
    wide.forEach((w, i) => {
      const [lo, hi] = narrow[i].interval!;
      expect(lo).toBeLessThan(hi);
      expect(lo).toBeGreaterThanOrEqual(w.interval![0]);
      expect(hi).toBeLessThanOrEqual(w.interval![1]);
    });
  });

  test("no resamples, no interval", () => {
    const { ranking } = bradleyTerryRanking(consistent, { resamples: 0 });
    expect(ranking.map((r) => r.interval)).toEqual([null, null, null]);
  });

  test("seeded: the same seed gives the same intervals", () => {
    expect(bradleyTerryRanking(consistent, { seed: 3 })).toEqual(bradleyTerryRanking(consistent, { seed: 3 }));
  });

  test("no judgements: empty ranking", () => {
    expect(bradleyTerryRanking([])).toEqual({ ranking: [], judgements: 0 });
  });

  test("eloScale of the mean strength is 1000; ten times stronger is +400", () => {
    expect(eloScale(2, 2)).toBe(1000);
    expect(eloScale(10, 1)).toBeCloseTo(1400, 10);
  });
});

describe("winRateMatrix", () => {
  test("win rates per ordered pair with ties as half, null where models never met", () => {
    const { names, cells } = winRateMatrix([...games("A", "B", 2, 1, 1), ...games("B", "C", 1, 0)]);
    expect(names).toEqual(["A", "B", "C"]);
    const cell = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column)!;
    expect(cell("A", "B")).toEqual({ row: "A", column: "B", winRate: 2.5 / 4, judgements: 4 });
    expect(cell("B", "A").winRate).toBe(1.5 / 4);
    expect(cell("B", "C").winRate).toBe(1);
    expect(cell("A", "C")).toEqual({ row: "A", column: "C", winRate: null, judgements: 0 });
    expect(cells).toHaveLength(6);
  });

  test("a tie is half a win whatever the other results: 1 win, 2 losses, 1 tie is 1.5 of 4", () => {
    const { cells } = winRateMatrix(games("A", "B", 1, 2, 1));
    expect(cells.map((c) => [c.row, c.column, c.winRate])).toEqual([
      ["A", "B", 1.5 / 4],
      ["B", "A", 2.5 / 4],
    ]);
  });

  test("names are sorted, not taken in the order they first appear", () => {
    const { names, cells } = winRateMatrix([{ a: "B", b: "A", winner: "a" }]);
    expect(names).toEqual(["A", "B"]);
    expect(cells).toEqual([
      { row: "A", column: "B", winRate: 0, judgements: 1 },
      { row: "B", column: "A", winRate: 1, judgements: 1 },
    ]);
  });
});
