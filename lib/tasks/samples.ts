/** Administrations per item: the greedy pass of a scale run is sample 0, the sampled ones follow. */
export function samplesPerItem(settings: { samples: number; greedyPass: boolean }): number {
  return settings.samples + (settings.greedyPass ? 1 : 0);
}

export function isGreedySample(settings: { greedyPass: boolean }, sample: number): boolean {
  return settings.greedyPass && sample === 0;
}
