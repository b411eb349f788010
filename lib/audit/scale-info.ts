import type { ScaleDefinition, ScaleItem } from "@/lib/suites/scales";
import type { ScaleGold, ScaleInput } from "@/lib/suites/types";

/** What every page that shows a scale needs: names, ranges, and the citation and licence notice. */
export interface AuditScaleInfo {
  id: string;
  name: { en: string; zh: string };
  citation: string | null;
  licence: string;
  /** The licence text in the scale definition (scales.json), when it says more than the suite's. */
  configLicence: string | null;
  points: number;
  items: number;
  range: { meanMin: number; meanMax: number; totalMin: number; totalMax: number };
  subscales: { id: string; en: string; zh: string; min: number; max: number }[];
}

export interface ScaleSuiteRow {
  id: string;
  name: { en: string; zh: string };
  citation: string | null;
  licence: string;
  config: Record<string, unknown>;
}

type ScaleConfig = Omit<ScaleDefinition, "items">;

/** Ranges come from the definition: mean 1..k, total n..n·k (CAMI 40–200, MICA-4 16–96), subscales m..m·k. */
export function scaleInfoOf(suite: ScaleSuiteRow, itemCount: number): AuditScaleInfo {
  const config = suite.config as unknown as ScaleConfig;
  const k = config.points;
  const configLicence = typeof config.licence === "string" && config.licence !== suite.licence ? config.licence : null;
  return {
    id: suite.id,
    name: suite.name,
    citation: suite.citation,
    licence: suite.licence,
    configLicence,
    points: k,
    items: itemCount,
    range: { meanMin: 1, meanMax: k, totalMin: itemCount, totalMax: itemCount * k },
    subscales: (config.subscales ?? []).map((s) => ({
      id: s.id,
      en: s.en,
      zh: s.zh,
      min: s.items.length,
      max: s.items.length * k,
    })),
  };
}

/** The scale as the runner scored it: the suite's config with the administered items (suite-context does the same). */
export function scaleDefinitionOf(
  config: Record<string, unknown>,
  items: readonly { input: Record<string, unknown>; gold: Record<string, unknown> }[],
): ScaleDefinition {
  const scaleItems: ScaleItem[] = items
    .map((i) => ({ ...(i.input as ScaleInput), stigmaWhenAgree: (i.gold as ScaleGold).stigmaWhenAgree }))
    .sort((a, b) => a.n - b.n);
  return { ...(config as unknown as ScaleConfig), items: scaleItems };
}
