/** Items per second over a sliding window of (time, count) samples; the first sample is the baseline. */
export function createRateMeter({ windowMs = 10_000, now = () => performance.now() }: { windowMs?: number; now?: () => number } = {}) {
  const samples: { t: number; n: number }[] = [];
  return {
    add(count: number): number {
      const t = now();
      samples.push({ t, n: count });
      while (samples.length > 2 && t - samples[1].t >= windowMs) samples.shift();
      const first = samples[0];
      const seconds = (t - first.t) / 1000;
      return seconds > 0 ? Math.max(0, count - first.n) / seconds : 0;
    },
  };
}
