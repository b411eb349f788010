import type { NerTypeLabel } from "@/lib/scoring/ner-answer";
import type { ScaleDefinition } from "@/lib/suites/scales";
import type { McqShot } from "@/lib/suites/prompts/mcq";
import type { McqGold, McqInput, ScaleGold, ScaleInput, TaskKind } from "@/lib/suites/types";
import type { RunSettings } from "./settings";

export interface ContextItem {
  id: string;
  externalId: string;
  subset: string | null;
  input: Record<string, unknown>;
  gold: Record<string, unknown>;
}

/** Everything a runner needs to turn a queued (item, sample) into a request and its answer into a score. */
export interface SuiteContext {
  suiteId: string;
  kind: TaskKind;
  settings: RunSettings;
  items: Map<string, ContextItem>;
  /** Few-shot exemplars per subset ("" for suites without subsets). */
  shots: Map<string, McqShot[]>;
  subjectLabels: Record<string, string>;
  nerTypes: NerTypeLabel[];
  /** instruction suites whose targets are lists: the delimiter between elements. */
  listDelimiter?: string;
  scale: ScaleDefinition | null;
  /** Most frequent gold letter of the evaluated items (majority baseline). */
  majorityLetter: string | null;
}

export function buildSuiteContext({
  suiteId,
  kind,
  config,
  settings,
  items,
  devItems,
  allItems = items,
}: {
  suiteId: string;
  kind: TaskKind;
  config: Record<string, unknown>;
  settings: RunSettings;
  items: ContextItem[];
  devItems: ContextItem[];
  /** Every test item of the suite: a scale is defined by all its items even when a run asks only some. */
  allItems?: ContextItem[];
}): SuiteContext {
  const shots = new Map<string, McqShot[]>();
  // Resolved settings have shots only where the task kind takes them (mcq).
  if (settings.shots > 0) {
    for (const dev of devItems) {
      const key = dev.subset ?? "";
      const list = shots.get(key) ?? [];
      if (list.length < settings.shots) list.push({ input: dev.input as McqInput, gold: dev.gold as McqGold });
      shots.set(key, list);
    }
  }
  const entityTypes = (config.entityTypes as { id: string; label: string }[] | undefined) ?? [];
  return {
    suiteId,
    kind,
    settings,
    items: new Map(items.map((i) => [i.id, i])),
    shots,
    subjectLabels: (config.subjectLabels as Record<string, string> | undefined) ?? {},
    nerTypes: entityTypes.map(({ id, label }) => ({ id, label })),
    listDelimiter: typeof config.listDelimiter === "string" ? config.listDelimiter : undefined,
    scale: kind === "scale" ? scaleOf(config, allItems) : null,
    majorityLetter: kind === "mcq" ? majority(items.map((i) => (i.gold as McqGold).answer)) : null,
  };
}

function scaleOf(config: Record<string, unknown>, items: ContextItem[]): ScaleDefinition {
  const scaleItems = items
    .map((i) => ({ ...(i.input as ScaleInput), stigmaWhenAgree: (i.gold as ScaleGold).stigmaWhenAgree }))
    .sort((a, b) => a.n - b.n);
  return { ...(config as Omit<ScaleDefinition, "items">), items: scaleItems } as ScaleDefinition;
}

function majority(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (best === null || n > (counts.get(best) ?? 0)) best = v;
  }
  return best;
}
