import { describe, expect, it } from "vitest";
import { createResampler, createRng } from "./random";

describe("createResampler", () => {
  const reference = (seed: number, n: number, count: number) => {
    const rng = createRng(seed);
    return Array.from({ length: count }, () => Math.floor(rng() * n));
  };

  it("draws the indices Math.floor(createRng(seed)() * n) would, continuing across calls", () => {
    for (const [seed, n] of [[20231111, 50_000], [1, 7], [0xffffffff, 1], [42, 2 ** 31 - 1]]) {
      const resampler = createResampler(seed);
      const first = new Int32Array(13);
      const second = new Int32Array(29);
      resampler.indices(n, first);
      resampler.indices(n, second);
      expect([...first, ...second]).toEqual(reference(seed, n, 42));
    }
  });

  it("sums a paired column over the same draws, in draw order", () => {
    const n = 101;
    const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1e-3 + 0.1);
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i) / 7);
    const resampler = createResampler(9);
    const drawn = reference(9, n, 3 * n);
    for (let round = 0; round < 3; round++) {
      let sumA = 0;
      let sumB = 0;
      for (const j of drawn.slice(round * n, (round + 1) * n)) {
        sumA += a[j];
        sumB += b[j];
      }
      expect(resampler.pairSums(n, a, b)).toEqual([sumA, sumB]);
    }
  });
});
