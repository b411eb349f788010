import { quantile, type Interval } from "./bootstrap";
import { createRng } from "./random";

/** One pairwise judgement between two named contestants (models, runs). */
export interface PairOutcome {
  a: string;
  b: string;
  winner: "a" | "b" | "tie";
}

export interface BradleyTerryOptions {
  /**
   * Pseudo-games against a fixed reference of strength 1: each contestant gets `prior` wins and `prior` losses
   * against it. Keeps an undefeated (or winless) contestant finite and ties disconnected groups to one scale;
   * small enough to leave well-observed strengths practically unchanged.
   */
  prior?: number;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Rating on an Elo-like scale: 1000 + 400·log10(strength / geometric-mean strength). A 400-point gap means
 * 10:1 odds of being preferred; 120 points ≈ 2:1. Scale of LMArena's published Bradley–Terry ratings.
 */
export function eloScale(strength: number, geometricMean: number): number {
  return 1000 + 400 * Math.log10(strength / geometricMean);
}

/** Wins counted with a tie as half a win for each side, and games per unordered pair. */
function tally(outcomes: readonly PairOutcome[], names: readonly string[]) {
  const index = new Map(names.map((n, i) => [n, i]));
  const wins = names.map(() => 0);
  const games = names.map(() => names.map(() => 0));
  for (const { a, b, winner } of outcomes) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    games[i][j] += 1;
    games[j][i] += 1;
    if (winner === "a") wins[i] += 1;
    else if (winner === "b") wins[j] += 1;
    else {
      wins[i] += 0.5;
      wins[j] += 0.5;
    }
  }
  return { wins, games };
}

/**
 * Bradley–Terry strengths by the MM (Zermelo / Hunter 2004) iteration p_i ← W_i / Σ_j n_ij / (p_i + p_j),
 * normalised to geometric mean 1. Returns strengths in the order of `names`.
 */
export function bradleyTerryStrengths(
  outcomes: readonly PairOutcome[],
  names: readonly string[],
  { prior = 0.1, maxIterations = 10_000, tolerance = 1e-10 }: BradleyTerryOptions = {},
): number[] {
  const { wins, games } = tally(outcomes, names);
  let p = names.map(() => 1);
  for (let iter = 0; iter < maxIterations; iter++) {
    const next = p.map((pi, i) => {
      let denom = prior > 0 ? (2 * prior) / (pi + 1) : 0;
      for (let j = 0; j < p.length; j++) if (games[i][j] > 0) denom += games[i][j] / (pi + p[j]);
      return denom > 0 ? (wins[i] + prior) / denom : pi;
    });
    const logMean = next.reduce((s, v) => s + Math.log(v), 0) / next.length;
    const scale = Math.exp(logMean);
    const normalised = next.map((v) => v / scale);
    const change = Math.max(...normalised.map((v, i) => Math.abs(Math.log(v) - Math.log(p[i]))));
    p = normalised;
    if (change < tolerance) break;
  }
  return p;
}

export interface RankedContestant {
  name: string;
  rating: number;
  /** Percentile bootstrap 95% interval of the rating, resampling judgements; null with no judgements. */
  interval: Interval | null;
  /** Judgements the contestant took part in. */
  judgements: number;
}

export interface BradleyTerryRanking {
  ranking: RankedContestant[];
  judgements: number;
}

/** Ratings (Elo-like scale) with bootstrap intervals, best first. */
export function bradleyTerryRanking(
  outcomes: readonly PairOutcome[],
  { resamples = 200, seed = 20240501, confidence = 0.95, ...options }: BradleyTerryOptions & {
    resamples?: number;
    seed?: number;
    confidence?: number;
  } = {},
): BradleyTerryRanking {
  const names = [...new Set(outcomes.flatMap((o) => [o.a, o.b]))].sort();
  const ratings = (sample: readonly PairOutcome[]) => {
    const p = bradleyTerryStrengths(sample, names, options);
    return p.map((v) => eloScale(v, 1));
  };
  const point = ratings(outcomes);
  const draws: number[][] = names.map(() => []);
  if (outcomes.length > 0) {
    const rng = createRng(seed);
    const sample: PairOutcome[] = new Array(outcomes.length);
    for (let r = 0; r < resamples; r++) {
      for (let i = 0; i < outcomes.length; i++) sample[i] = outcomes[Math.floor(rng() * outcomes.length)];
      // Without a prior a resample can leave a model undefeated (infinite rating): such draws are dropped.
      ratings(sample).forEach((v, i) => Number.isFinite(v) && draws[i].push(v));
    }
  }
  const tail = (1 - confidence) / 2;
  const counts = new Map<string, number>();
  for (const o of outcomes) for (const n of [o.a, o.b]) counts.set(n, (counts.get(n) ?? 0) + 1);
  const ranking = names.map((name, i) => {
    const sorted = draws[i].sort((x, y) => x - y);
    const interval: Interval | null = sorted.length > 0 ? [quantile(sorted, tail), quantile(sorted, 1 - tail)] : null;
    return { name, rating: point[i], interval, judgements: counts.get(name) ?? 0 };
  });
  ranking.sort((x, y) => y.rating - x.rating || x.name.localeCompare(y.name));
  return { ranking, judgements: outcomes.length };
}

export interface WinRateCell {
  row: string;
  column: string;
  /** Share of row-vs-column judgements the row won, a tie counting half; null when they never met. */
  winRate: number | null;
  judgements: number;
}

/** Win rate of every contestant (row) against every other (column). */
export function winRateMatrix(outcomes: readonly PairOutcome[]): { names: string[]; cells: WinRateCell[] } {
  const names = [...new Set(outcomes.flatMap((o) => [o.a, o.b]))].sort();
  const score = new Map<string, { won: number; n: number }>();
  const bump = (row: string, column: string, won: number) => {
    const key = `${row}\u0000${column}`;
    const cell = score.get(key) ?? { won: 0, n: 0 };
    cell.won += won;
    cell.n += 1;
    score.set(key, cell);
  };
  for (const { a, b, winner } of outcomes) {
    if (a === b) continue;
    const aWon = winner === "a" ? 1 : winner === "tie" ? 0.5 : 0;
    bump(a, b, aWon);
    bump(b, a, 1 - aWon);
  }
  const cells: WinRateCell[] = [];
  for (const row of names) {
    for (const column of names) {
      if (row === column) continue;
      const cell = score.get(`${row}\u0000${column}`);
      cells.push({ row, column, winRate: cell ? cell.won / cell.n : null, judgements: cell?.n ?? 0 });
    }
  }
  return { names, cells };
}
