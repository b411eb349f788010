import type { ComparisonResult } from "./load";

const MAX_ENTRIES = 20;
const entries = new Map<string, ComparisonResult>();

/**
 * Finished runs do not change until they are re-run (which resets finished_at), so a comparison is memoised on
 * its run ids and their finish times: the paired bootstrap over 50,000 items runs once, not on every page.
 */
export async function memoComparison(key: string, compute: () => Promise<ComparisonResult>): Promise<ComparisonResult> {
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const value = await compute();
  if (value.ok) {
    entries.set(key, value);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return value;
}

/** The memoised comparison under `key`, if any; never computes. */
export function memoisedComparison(key: string): ComparisonResult | undefined {
  return entries.get(key);
}

/** Forgets every memoised comparison of this process (the bench, to time a first open again). */
export function forgetComparisons() {
  entries.clear();
}
