import { createRng, hashString } from "@/lib/scoring/random";

export interface SampleCandidate {
  id: string;
  /** The stratum: subject, department, entity type…; null counts as one stratum of its own. */
  subset: string | null;
}

/**
 * A seeded sample of `limit` candidates stratified by subset. Each stratum gets its share of the limit
 * rounded by largest remainder; when the limit is at least the number of strata, every stratum gets at least
 * one item (taken from the strata most over their exact share). Within a stratum the items are a seeded
 * shuffle's first ones. The result keeps the candidates' order. Same candidates, limit and seed: same sample.
 */
export function stratifiedSample<T extends SampleCandidate>(candidates: readonly T[], { limit, seed }: { limit: number; seed: number }): T[] {
  if (limit >= candidates.length) return [...candidates];
  if (limit <= 0) return [];
  const strata = new Map<string, T[]>();
  for (const c of candidates) {
    const key = c.subset ?? "";
    const list = strata.get(key);
    if (list) list.push(c);
    else strata.set(key, [c]);
  }
  const keys = [...strata.keys()].sort();
  const quotas = allocate(keys.map((k) => strata.get(k)!.length), limit);
  const chosen = new Set<T>();
  keys.forEach((key, i) => {
    const shuffled = seededShuffle(strata.get(key)!, seed, key);
    for (const c of shuffled.slice(0, quotas[i])) chosen.add(c);
  });
  return candidates.filter((c) => chosen.has(c));
}

/** Largest-remainder apportionment of `limit` over strata of the given sizes, every stratum ≥ 1 when it fits. */
export function allocate(sizes: readonly number[], limit: number): number[] {
  const total = sizes.reduce((s, n) => s + n, 0);
  const exact = sizes.map((n) => (limit * n) / total);
  const floorAtOne = limit >= sizes.length;
  const quota = exact.map((e) => (floorAtOne ? Math.max(1, Math.floor(e)) : Math.floor(e)));
  let left = limit - quota.reduce((s, q) => s + q, 0);
  // Ties go to the earlier stratum (strata are in key order), so the allocation is deterministic.
  const byShortfall = () => sizes.map((_, i) => i).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  while (left > 0) {
    const i = byShortfall().find((j) => quota[j] < sizes[j])!;
    quota[i]++;
    left--;
  }
  while (left < 0) {
    const i = byShortfall()
      .reverse()
      .find((j) => quota[j] > 1)!;
    quota[i]--;
    left++;
  }
  return quota;
}

function seededShuffle<T>(items: readonly T[], seed: number, stratum: string): T[] {
  const rng = createRng((seed ^ hashString(stratum)) >>> 0);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

