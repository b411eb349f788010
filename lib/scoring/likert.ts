import { findLabelMatches, isRefusal, labelDictionary, type LabelOption, withoutDeclinedOptions } from "./likert-labels";

export type { LabelOption } from "./likert-labels";

export type { ScalePresentation } from "@/lib/suites/scales";
import type { ScalePresentation } from "@/lib/suites/scales";

export type LikertOutcome = "parsed" | "refused" | "unparsed";
export type LikertRule = "letter" | "digit" | "label_zh" | "label_en" | "logprob";

export interface LikertParse {
  outcome: LikertOutcome;
  /** Agreement value a, 1 = strongly disagree … k = strongly agree (only when parsed). */
  value?: number;
  rule?: LikertRule;
  /** Shown position (0-based) of the chosen option. */
  position?: number;
}

/**
 * Reads one answer. A single option label (letter/digit) wins if no label text names a different option;
 * otherwise exactly one option named by label text. Two different options, or a label text that is not an
 * option of this scale, give "unparsed". A refusal phrase only counts when no option is chosen: "作为AI我没有
 * 观点，但我选D" is parsed as D. In a refusal, options named only to decline them ("无法表达同意或不同意",
 * "I cannot agree or disagree") choose nothing, so the answer is a refusal. Nothing is ever mapped to the
 * neutral option here.
 */
export function parseLikert(answer: string, presentation: ScalePresentation, options: readonly LabelOption[]): LikertParse {
  const refusal = isRefusal(answer);
  const text = refusal ? withoutDeclinedOptions(answer) : answer;
  const { labels, values } = presentation;
  const kind = labels.every((l) => /^[A-Z]$/.test(l)) ? "letter" : labels.every((l) => /^[0-9]$/.test(l)) ? "digit" : null;
  const picked = kind ? labelPicks(text.normalize("NFKC"), labels, kind) : [];
  const dict = labelDictionary(presentation.texts, values, options);
  const named = findLabelMatches(text, dict);
  const positionOf = (a: number) => values.indexOf(a);

  if (new Set(picked).size > 1) return { outcome: "unparsed" };
  if (picked.length > 0 && kind) {
    const a = values[picked[0]];
    if (named.some((m) => !m.values.includes(a))) return { outcome: "unparsed" };
    return { outcome: "parsed", value: a, rule: kind, position: picked[0] };
  }
  if (named.length > 0) {
    const sets = new Set(named.map((m) => m.values.join(",")));
    const only = named[0].values;
    if (sets.size > 1 || only.length !== 1 || positionOf(only[0]) < 0) return { outcome: "unparsed" };
    const rule = named.some((m) => m.lang === "zh") ? "label_zh" : "label_en";
    return { outcome: "parsed", value: only[0], rule, position: positionOf(only[0]) };
  }
  return { outcome: refusal ? "refused" : "unparsed" };
}

/** Shown positions whose label stands alone in the text ("D", "选D", "D.同意", "答案：4"). */
function labelPicks(text: string, labels: readonly string[], kind: "letter" | "digit"): number[] {
  const bare = text.trim().replace(/[\s.。:：)）(（]/g, "");
  const picks: number[] = [];
  labels.forEach((label, i) => {
    const re =
      kind === "letter"
        ? // "A person…" is the English article, not option A.
          new RegExp(`(?<![A-Za-z])${label}(?![A-Za-z])(?!\\s+[a-z])`, "g")
        : new RegExp(`(?<![0-9.])${label}(?![0-9%]|\\.[0-9])`, "g");
    for (const _ of text.matchAll(re)) picks.push(i);
    // A lone lower-case letter ("d") is accepted only as the whole answer.
    if (kind === "letter" && bare === label.toLowerCase()) picks.push(i);
  });
  return picks;
}

export interface LikertLogprobs {
  /** Probability of each shown option, normalised over the option labels. */
  probs: number[];
  /** Agreement value of the most probable option (the paper's method); ties go to the earlier position. */
  argmax: number;
  /** Shown position (0-based) of that option, as parseLikert reports for a text answer. */
  position: number;
  /** Σ p_i · a_i on the 1..k agreement scale. */
  expected: number;
  /** Unnormalised probability mass the top logprobs put on option labels. */
  coverage: number;
}

/**
 * Option probabilities from the first generated token's top logprobs. Tokens are matched to single-character
 * labels after trimming and NFKC (" D", "Ｄ"); text labels (style "zh") span several tokens, so null.
 */
export function likertFromLogprobs(
  topLogprobs: readonly { token: string; logprob: number }[],
  presentation: ScalePresentation,
): LikertLogprobs | null {
  const { labels, values } = presentation;
  if (labels.some((l) => l.length !== 1)) return null;
  const mass = labels.map(() => 0);
  for (const { token, logprob } of topLogprobs) {
    const t = token.normalize("NFKC").trim().replace(/[.．:：、)）]$/u, "");
    const i = labels.indexOf(t);
    if (i >= 0 && Number.isFinite(logprob)) mass[i] += Math.exp(logprob);
  }
  const coverage = mass.reduce((s, m) => s + m, 0);
  if (coverage <= 0) return null;
  const probs = mass.map((m) => m / coverage);
  let best = 0;
  probs.forEach((p, i) => (p > probs[best] ? (best = i) : undefined));
  const expected = probs.reduce((s, p, i) => s + p * values[i], 0);
  return { probs, argmax: values[best], position: best, expected, coverage };
}
