import { createRng, hashString } from "@/lib/scoring/random";
import { formatRewardScores, lengthRewards } from "@/lib/scoring/reward";
import type { TaskKind } from "@/lib/suites/types";

/** Reference baselines that need no server, so every board has a floor. */
export const baselineStrategies = {
  "uniform-random": { en: "Uniform random (baseline)", zh: "均匀随机（基线）", kinds: ["mcq", "scale"] },
  majority: { en: "Majority answer (baseline)", zh: "多数答案（基线）", kinds: ["mcq"] },
  empty: { en: "Empty answer (baseline)", zh: "空回答（基线）", kinds: ["ner", "open_qa", "dialogue", "instruction"] },
  "longer-answer": { en: "Longer answer wins (baseline)", zh: "较长回答胜（基线）", kinds: ["reward"] },
} as const satisfies Record<string, { en: string; zh: string; kinds: readonly TaskKind[] }>;

export type BaselineStrategy = keyof typeof baselineStrategies;

/** A baseline model is stored under its English name; readers of Chinese see the Chinese one. */
export function baselineDisplayName(name: string, locale: string): string {
  if (!locale.startsWith("zh")) return name;
  return Object.values(baselineStrategies).find((b) => b.en === name)?.zh ?? name;
}

export function isBaselineStrategy(value: unknown): value is BaselineStrategy {
  return typeof value === "string" && value in baselineStrategies;
}

export function baselineSupports(strategy: BaselineStrategy, kind: TaskKind): boolean {
  return (baselineStrategies[strategy].kinds as readonly TaskKind[]).includes(kind);
}

/**
 * The baseline's answer, written as a model would write it so that it goes through the same parser.
 * `choices` are the labels the item offers (option letters, or the scale labels as shown).
 */
export function baselineAnswer({
  strategy,
  choices,
  majority,
  seed,
  key,
  pair,
}: {
  strategy: BaselineStrategy;
  choices: readonly string[];
  majority: string | null;
  seed: number;
  key: string;
  /** Reward suites: the two answers of the tuple. */
  pair?: { chosen: string; rejected: string };
}): string {
  switch (strategy) {
    case "uniform-random": {
      const rng = createRng(hashString(`${seed}:${key}`));
      return choices[Math.floor(rng() * choices.length)] ?? "";
    }
    case "majority":
      return majority ?? "";
    case "empty":
      return "";
    case "longer-answer":
      return pair ? formatRewardScores(lengthRewards(pair)) : "";
  }
}
