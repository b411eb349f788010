/** The settings that make two audits of one model on one scale different experiments. */
export interface AuditVariant {
  instruction: string;
  order: string;
  labels: string;
  key: "stigma" | "chimed";
  missing: "exclude" | "paper_compatible";
  answerMode: "text" | "logprobs";
  /** Only the first `limit` items were administered; null = the whole scale. */
  limit: number | null;
  samples: number;
}

export const defaultPromptVariant = { instruction: "paper", order: "published", labels: "letters" } as const;

const str = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** Reads a run's frozen settings; defaults match resolveSettings for scale suites. */
export function variantOf(settings: Record<string, unknown> | null | undefined): AuditVariant {
  const s = settings ?? {};
  const limit = typeof s.limit === "number" ? s.limit : null;
  return {
    instruction: str(s.instruction, defaultPromptVariant.instruction),
    order: str(s.order, defaultPromptVariant.order),
    labels: str(s.labels, defaultPromptVariant.labels),
    key: s.key === "chimed" ? "chimed" : "stigma",
    missing: s.missing === "paper_compatible" ? "paper_compatible" : "exclude",
    answerMode: s.answerMode === "logprobs" ? "logprobs" : "text",
    limit,
    samples: typeof s.samples === "number" ? s.samples : 10,
  };
}

/** instruction/order/labels: the wording of the question, which prompt sensitivity varies. */
export function promptVariantId(v: AuditVariant): string {
  return `${v.instruction}/${v.order}/${v.labels}`;
}

/** Identity of a variant for "latest run per (model, scale, variant)". */
export function variantId(v: AuditVariant): string {
  return `${promptVariantId(v)}/${v.key}/${v.missing}/${v.answerMode}/${v.limit ?? "all"}`;
}

export function isDefaultPrompt(v: AuditVariant): boolean {
  return (
    v.instruction === defaultPromptVariant.instruction &&
    v.order === defaultPromptVariant.order &&
    v.labels === defaultPromptVariant.labels
  );
}

const IGNORED_FOR_SENSITIVITY = new Set(["instruction", "order", "labels", "seed", "concurrency"]);

/**
 * Everything but the wording (and the seed and concurrency, which change no expectation): runs that agree on
 * this differ only in instruction, order or labels, so their bias scores measure prompt sensitivity.
 */
export function fixedSettingsId(settings: Record<string, unknown> | null | undefined): string {
  const entries = Object.entries(settings ?? {})
    .filter(([k]) => !IGNORED_FOR_SENSITIVITY.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
