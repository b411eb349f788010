/** Deterministic PRNG (mulberry32) so bootstrap intervals and sampled administrations are reproducible. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of a string, for seeding per-item randomness from stable ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Resampler {
  /** Fills `out` with `Math.floor(rng() * n)` for the next `out.length` values of `createRng(seed)`. */
  indices(n: number, out: Int32Array): void;
  /** Draws n indices j the same way and sums a[j] and b[j] in draw order: one paired resample of a column. */
  pairSums(n: number, a: Float64Array, b: Float64Array): [number, number];
}

/**
 * Bootstrap draws from the sequence of `createRng(seed)`, continuing across calls. The generator is stepped in
 * a loop over local state: through the closure, 50 million draws (1,000 resamples of 50,000 items) took
 * several times longer. `(x / 2^32) · n` and `x · (n / 2^32)` are the same double (a power-of-two scale is exact).
 */
export function createResampler(seed: number): Resampler {
  let state = seed >>> 0;
  return {
    indices(n, out) {
      const scale = n / 4294967296;
      let a = state;
      for (let i = 0; i < out.length; i++) {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        out[i] = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale);
      }
      state = a;
    },
    pairSums(n, da, db) {
      const scale = n / 4294967296;
      let a = state;
      let sumA = 0;
      let sumB = 0;
      for (let i = 0; i < n; i++) {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const j = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale);
        sumA += da[j];
        sumB += db[j];
      }
      state = a;
      return [sumA, sumB];
    },
  };
}
