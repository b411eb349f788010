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
});
