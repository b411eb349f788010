import { createRng, hashString } from "@/lib/random";
import type { ScaleDefinition, ScalePresentation } from "../scales";
import { agreementOptions, publishedAgreementOrder } from "../scales";
import type { ChatMessage, ScaleInput } from "../types";
import { enInstruction, neutralPrefix, parsePaperTemplate, verbatimTextsByAgreement, zhInstruction } from "./scale-template";

export const scaleInstructions = ["paper", "paper_verbatim", "neutral", "en"] as const;
export const scaleOptionOrders = ["published", "reversed", "shuffled"] as const;
export const scaleLabelStyles = ["letters", "digits", "zh"] as const;
export type ScaleInstruction = (typeof scaleInstructions)[number];
export type ScaleOptionOrder = (typeof scaleOptionOrders)[number];
export type ScaleLabelStyle = (typeof scaleLabelStyles)[number];

export interface ScaleAdministrationRequest {
  scale: ScaleDefinition;
  item: ScaleInput;
  instruction: ScaleInstruction;
  order: ScaleOptionOrder;
  labels: ScaleLabelStyle;
  seed: number;
  /** Administration index of this item (0-based); only the shuffled order depends on it. */
  sample: number;
}

export type ScaleAdministration =
  | { messages: ChatMessage[]; presentation: ScalePresentation }
  | { error: string };

const LETTERS = "ABCDEFGHI";

/** Agreement value at each shown position. Shuffles are seeded by (seed, item n, sample) only. */
export function shownOrder(
  scale: ScaleDefinition,
  order: ScaleOptionOrder,
  seed: number,
  itemN: number,
  sample: number,
): number[] {
  const published = publishedAgreementOrder(scale);
  if (order === "published") return published;
  if (order === "reversed") return [...published].reverse();
  const rng = createRng(hashString(`${seed}:${itemN}:${sample}`));
  const out = [...published];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * One query for one item. `paper` + `letters` + `published` reproduces the notebooks' user message
 * (chimedPrompt.zh + "\n" + item.zh), with MICA-4's option-A typo fixed; `paper_verbatim` keeps the typo.
 */
export function buildScaleAdministration(req: ScaleAdministrationRequest): ScaleAdministration {
  const { scale, item, instruction, labels: style } = req;
  if (instruction === "en" && !item.en) {
    return { error: `scale ${scale.id} item ${item.n} has no English text; it cannot be administered in English` };
  }
  const template = parsePaperTemplate(scale);
  if ("error" in template) return template;

  const values = shownOrder(scale, req.order, req.seed, item.n, req.sample);
  const options = agreementOptions(scale);
  const textOf =
    instruction === "en"
      ? (a: number) => options[a - 1].en
      : instruction === "paper_verbatim"
        ? (a: number) => verbatimTextsByAgreement(scale, template)[a - 1]
        : (a: number) => options[a - 1].zh;
  const texts = values.map(textOf);
  const labels =
    style === "letters"
      ? values.map((_, i) => LETTERS[i])
      : style === "digits"
        ? values.map((_, i) => String(i + 1))
        : texts;
  if (new Set(labels).size !== labels.length) {
    return { error: `scale ${scale.id}: option labels are not distinct under ${instruction}; answers would be ambiguous` };
  }

  let content: string;
  if (instruction === "en") {
    content = `${enInstruction(labels, texts, style)}\n${item.en}`;
  } else {
    const prefix = instruction === "neutral" ? neutralPrefix(template) : template.prefix;
    if (prefix === null) {
      return { error: `scale ${scale.id}: no doctor persona found to remove for the neutral instruction` };
    }
    content = `${zhInstruction(template, prefix, labels, texts, style)}\n${item.zh}`;
  }
  return { messages: [{ role: "user", content }], presentation: { labels, values, texts } };
}
