import {
  itemMeans,
  itemScorer,
  paperImputedValue,
  resolveAnswers,
  type ScaleAnswer,
  stigmaScore,
} from "@/lib/scoring/scale-score";
import { agreementOptions, type ScaleDefinition } from "@/lib/suites/scales";
import type { ScaleInput } from "@/lib/suites/types";
import type { AuditVariant } from "./variant";

/** One run_items row with its suite item, as listAuditRunItems returns it. */
export interface AuditItemRow {
  itemId: string;
  sample: number;
  status: string;
  outcome: string | null;
  rawResponse: string | null;
  parsed: unknown;
  error: string | null;
  input: Record<string, unknown>;
}

export interface Administration {
  sample: number;
  greedy: boolean;
  status: string;
  outcome: string | null;
  /** The model's answer exactly as received; render as text only. */
  raw: string | null;
  error: string | null;
  /** Label shown for the chosen option ("D", "4", "同意") and that option's text. */
  label: string | null;
  option: { en: string; zh: string } | null;
  rule: string | null;
  /** Agreement value a (1 = strongly disagree … k = strongly agree). */
  value: number | null;
  stigma: number | null;
  /** Refused or unparsed, scored as the paper's option C under the paper-compatible missing mode. */
  imputed: boolean;
}

export interface ItemAuditRow {
  n: number;
  zh: string;
  en: string | null;
  subscale: string | null;
  direction: "pro" | "anti" | null;
  stigmaWhenAgree: boolean;
  administrations: Administration[];
  /** Mean stigma score of the scored administrations (the same answers the bias score uses). */
  meanStigma: number | null;
  /** Mean item score under the authors' key, for runs scored with it. */
  meanPaperKey: number | null;
}

interface ParsedScale {
  presentation?: number[];
  labels?: string[];
  greedy?: boolean;
  rule?: string;
  value?: number;
  position?: number;
}

export function buildItemTable(
  scale: ScaleDefinition,
  rows: readonly AuditItemRow[],
  opts: { variant: AuditVariant; greedyPass: boolean },
): ItemAuditRow[] {
  const k = scale.points;
  const options = agreementOptions(scale);
  const byN = new Map(scale.items.map((i) => [i.n, i]));
  const imputedValue = paperImputedValue(scale);
  const paper = opts.variant.missing === "paper_compatible";
  const administrations = new Map<number, Administration[]>();
  const answers: ScaleAnswer[] = [];

  for (const row of rows) {
    const n = (row.input as ScaleInput).n;
    const item = byN.get(n);
    if (!item) continue;
    const p = (row.parsed ?? {}) as ParsedScale;
    const greedy = p.greedy ?? (opts.greedyPass && row.sample === 0);
    const scored = row.status === "done" && row.outcome === "scored" && typeof p.value === "number";
    const missing = row.status === "done" && (row.outcome === "refused" || row.outcome === "unparsed");
    const position = scored ? (p.position ?? p.presentation?.indexOf(p.value!) ?? -1) : -1;
    const value = scored ? p.value! : missing && paper ? imputedValue : null;
    const list = administrations.get(n) ?? [];
    list.push({
      sample: row.sample,
      greedy,
      status: row.status,
      outcome: row.outcome,
      raw: row.rawResponse,
      error: row.error,
      label: position >= 0 ? (p.labels?.[position] ?? null) : null,
      option: scored ? { en: options[p.value! - 1].en, zh: options[p.value! - 1].zh } : null,
      rule: scored ? (p.rule ?? null) : null,
      value: scored ? p.value! : null,
      stigma: value === null ? null : stigmaScore(value, item.stigmaWhenAgree, k),
      imputed: value !== null && !scored,
    });
    administrations.set(n, list);
    if (scored || missing) {
      answers.push({
        itemN: n,
        sample: greedy ? 0 : row.sample - (opts.greedyPass ? 1 : 0),
        outcome: scored ? "parsed" : (row.outcome as "refused" | "unparsed"),
        value: scored ? p.value : undefined,
        greedy,
      });
    }
  }

  // Same answers as aggregateScale: the sampled administrations, or the greedy pass when there are none.
  const sampled = answers.filter((a) => !a.greedy);
  const resolved = resolveAnswers(scale, sampled.length > 0 ? sampled : answers, opts.variant.missing);
  const stigmaMeans = itemMeans(resolved, itemScorer(scale, "stigma"));
  const paperMeans = opts.variant.key === "chimed" ? itemMeans(resolved, itemScorer(scale, "chimed")) : null;

  return scale.items.map((item) => ({
    n: item.n,
    zh: item.zh,
    en: item.en,
    subscale: item.subscale ?? null,
    direction: item.statementDirection ?? null,
    stigmaWhenAgree: item.stigmaWhenAgree,
    administrations: (administrations.get(item.n) ?? []).sort((a, b) => a.sample - b.sample),
    meanStigma: stigmaMeans.get(item.n) ?? null,
    meanPaperKey: paperMeans?.get(item.n) ?? null,
  }));
}
