import path from "node:path";

/** What `meta.json` of an index folder says; the shard files hold the fingerprints. */
export interface IndexMeta {
  version: 1;
  n: number;
  shards: number;
  /** Distinct fingerprints stored over all shards. */
  fingerprints: number;
  documents: number;
  /** Characters after normalisation. */
  characters: number;
  /** Bytes of the corpus file read. */
  bytes: number;
  normalisation: "nfkc-lower-no-whitespace";
}

export const metaFile = (dir: string) => path.join(dir, "meta.json");
export const shardFile = (dir: string, shard: number) => path.join(dir, `shard-${String(shard).padStart(4, "0")}.bin`);

/** The shard of a fingerprint: the top bits of its high half. */
export function shardOf(hi: number, shards: number): number {
  return shards === 1 ? 0 : hi >>> (32 - Math.log2(shards));
}

export function checkShardCount(shards: number): void {
  if (!Number.isInteger(Math.log2(shards)) || shards < 1 || shards > 4096) throw new Error("shards must be a power of two from 1 to 4096");
}

/**
 * Sorts fingerprints (little-endian u64: [lo, hi] u32 pairs) and drops repeats in place; answers how many
 * remain. Each file stores its u64s in the machine's byte order; x86 and ARM are both little-endian.
 */
export function sortUnique(values: BigUint64Array): number {
  values.sort();
  let kept = 0;
  for (let i = 0; i < values.length; i++) {
    if (kept === 0 || values[i] !== values[kept - 1]) values[kept++] = values[i];
  }
  return kept;
}
