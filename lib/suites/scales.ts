import { z } from "zod";

const bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) });

const optionSchema = z.object({
  value: z.number().int().positive(),
  en: z.string().min(1),
  zh: z.string().min(1),
});

const itemSchema = z.object({
  n: z.number().int().positive(),
  zh: z.string().min(1),
  en: z.string().min(1).nullable(),
  subscale: z.string().nullish(),
  statementDirection: z.enum(["pro", "anti"]).optional(),
  stigmaWhenAgree: z.boolean(),
});

const scaleSchema = z
  .object({
    id: z.string().min(1),
    name: bilingual,
    citation: z.string().min(1),
    licence: z.string().min(1),
    points: z.number().int().min(2).max(9),
    options: z.array(optionSchema),
    range: z.object({ min: z.number(), max: z.number(), note: z.string().optional() }).optional(),
    subscales: z.array(bilingual.extend({ id: z.string().min(1), items: z.array(z.number().int()) })),
    chimedPrompt: z.object({
      zh: z.string().min(1),
      letters: z.array(z.string().regex(/^[A-Z]$/)),
      letterMeans: z.array(z.number().int()),
      note: z.string().optional(),
    }),
    chimedScoringKey: z.object({
      scoreOfLetter: z.array(z.number()),
      reversedItems: z.array(z.number().int()),
      aggregate: z.string().optional(),
      note: z.string().optional(),
    }),
    items: z.array(itemSchema).min(1),
  })
  .superRefine((scale, ctx) => {
    const k = scale.points;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const values = scale.options.map((o) => o.value).sort((a, b) => a - b);
    if (values.length !== k || values.some((v, i) => v !== i + 1)) {
      issue(["options"], `options must have values 1..${k} exactly once`);
    } else if (directionOf(scale.options) === null) {
      issue(["options"], "cannot tell agreement direction: value 1 must be strongly agree or strongly disagree");
    }
    const { letters, letterMeans } = scale.chimedPrompt;
    if (letters.length !== k || [...letterMeans].sort((a, b) => a - b).some((v, i) => v !== i + 1)) {
      issue(["chimedPrompt"], `letters and letterMeans must list ${k} options, each value 1..${k} once`);
    }
    if (scale.chimedScoringKey.scoreOfLetter.length !== k) {
      issue(["chimedScoringKey", "scoreOfLetter"], `scoreOfLetter must have ${k} entries`);
    }
    const ns = new Set(scale.items.map((i) => i.n));
    if (ns.size !== scale.items.length) issue(["items"], "item numbers must be unique");
    scale.subscales.forEach((s, i) =>
      s.items.forEach((n) => ns.has(n) || issue(["subscales", i, "items"], `unknown item ${n}`)),
    );
    scale.chimedScoringKey.reversedItems.forEach(
      (n) => ns.has(n) || issue(["chimedScoringKey", "reversedItems"], `unknown item ${n}`),
    );
  });

const scalesFileSchema = z.object({ _about: z.string().optional(), scales: z.array(scaleSchema).min(1) });

export type ScaleDefinition = z.infer<typeof scaleSchema>;
export type ScaleItem = ScaleDefinition["items"][number];

/** An option on the agreement axis: `value` is a (1 = strongly disagree … k = strongly agree). */
/** What one administration showed: per shown position, its label, agreement value a and option text. */
export interface ScalePresentation {
  labels: string[];
  values: number[];
  texts: string[];
}

export interface AgreementOption {
  value: number;
  /** The option's value as stored in scales.json (MICA-4 stores 1 = strongly agree). */
  rawValue: number;
  zh: string;
  en: string;
}

/** Parses the scales.json payload; throws a ZodError whose issues name the offending path. */
export function parseScalesFile(json: unknown): ScaleDefinition[] {
  return scalesFileSchema.parse(json).scales;
}

const isStronglyAgree = (o: { en: string; zh: string }) =>
  o.en.trim().toLowerCase() === "strongly agree" || o.zh.trim() === "完全同意";
const isStronglyDisagree = (o: { en: string; zh: string }) =>
  o.en.trim().toLowerCase() === "strongly disagree" || o.zh.trim() === "完全不同意";

/** "ascending": stored value 1 = strongly disagree (CAMI); "descending": 1 = strongly agree (MICA-4). */
function directionOf(options: readonly z.infer<typeof optionSchema>[]): "ascending" | "descending" | null {
  const first = options.find((o) => o.value === 1);
  const last = options.find((o) => o.value === options.length);
  if (!first || !last) return null;
  if (isStronglyDisagree(first) && isStronglyAgree(last)) return "ascending";
  if (isStronglyAgree(first) && isStronglyDisagree(last)) return "descending";
  return null;
}

/** Agreement value a of a value as stored in scales.json. */
export function agreementOf(scale: ScaleDefinition, rawValue: number): number {
  return directionOf(scale.options) === "descending" ? scale.points + 1 - rawValue : rawValue;
}

/** The scale's options ordered by agreement, index i holding a = i + 1. */
export function agreementOptions(scale: ScaleDefinition): AgreementOption[] {
  return scale.options
    .map((o) => ({ value: agreementOf(scale, o.value), rawValue: o.value, zh: o.zh, en: o.en }))
    .sort((x, y) => x.value - y.value);
}

/** Agreement value shown at each letter position of the authors' prompt (CAMI 1..5, MICA-4 6..1). */
export function publishedAgreementOrder(scale: ScaleDefinition): number[] {
  return scale.chimedPrompt.letterMeans.map((raw) => agreementOf(scale, raw));
}

export function findItem(scale: ScaleDefinition, n: number): ScaleItem | undefined {
  return scale.items.find((i) => i.n === n);
}
