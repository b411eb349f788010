/** Label texts → agreement values, and the refusal phrases, for the Likert parser. */

export interface LabelOption {
  /** Agreement value a (1 = strongly disagree … k = strongly agree). */
  value: number;
  zh: string;
  en: string;
}

/** Synonyms keyed by the canonical English label they stand for. */
const SYNONYMS: Record<string, string[]> = {
  "strongly agree": ["完全同意", "非常同意", "强烈同意", "completely agree", "totally agree", "fully agree"],
  "strongly disagree": ["完全不同意", "非常不同意", "强烈不同意", "完全反对", "强烈反对", "completely disagree", "totally disagree"],
  "somewhat agree": ["稍微同意", "有点同意", "有些同意", "略微同意", "slightly agree"],
  "somewhat disagree": ["稍微不同意", "有点不同意", "有些不同意", "略微不同意", "slightly disagree"],
  agree: ["同意", "赞同"],
  disagree: ["不同意", "反对", "不赞同"],
  neutral: ["中立", "neither agree nor disagree"],
};

const CJK = /[\u3400-\u9fff]/u;

/**
 * Every recognised label text with the agreement values it can mean. Texts shown in this administration win,
 * so a duplicated shown text (MICA-4's verbatim typo) stays ambiguous; a known label that is not an option of
 * this scale (中立 on MICA-4, 稍微同意 on CAMI) maps to no value, so it cannot fall back to a shorter label.
 */
export function labelDictionary(
  shownTexts: readonly string[],
  shownValues: readonly number[],
  options: readonly LabelOption[],
): Map<string, number[]> {
  const dict = new Map<string, number[]>();
  shownTexts.forEach((t, i) => {
    const key = normaliseLabel(t);
    dict.set(key, [...(dict.get(key) ?? []), shownValues[i]]);
  });
  const add = (text: string, values: number[]) => {
    const key = normaliseLabel(text);
    if (!dict.has(key)) dict.set(key, values);
  };
  for (const o of options) {
    add(o.zh, [o.value]);
    add(o.en, [o.value]);
  }
  for (const [canonical, synonyms] of Object.entries(SYNONYMS)) {
    const option = options.find((o) => normaliseLabel(o.en) === canonical);
    for (const s of [canonical, ...synonyms]) add(s, option ? [option.value] : []);
  }
  return dict;
}

export function normaliseLabel(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

export interface LabelMatch {
  text: string;
  values: number[];
  lang: "zh" | "en";
}

/** Leftmost-longest scan, so 完全不同意 is never also read as 不同意 or 同意. */
export function findLabelMatches(text: string, dict: Map<string, number[]>): LabelMatch[] {
  const lower = normaliseLabel(text);
  const zh = [...dict.keys()].filter((k) => CJK.test(k)).sort((a, b) => b.length - a.length);
  const en = [...dict.keys()].filter((k) => !CJK.test(k)).sort((a, b) => b.length - a.length);
  const matches: LabelMatch[] = [];
  for (let i = 0; i < lower.length; ) {
    const hit = zh.find((k) => lower.startsWith(k, i));
    if (!hit) {
      i++;
      continue;
    }
    // 不完全同意, 不太同意, 是否同意: negated or merely echoed from the question.
    if (!/[不否没非未]/u.test(lower.slice(Math.max(0, i - 2), i))) {
      matches.push({ text: hit, values: dict.get(hit) ?? [], lang: "zh" });
    }
    i += hit.length;
  }
  if (en.length > 0) {
    const re = new RegExp(`\\b(${en.map(escapeRegExp).join("|")})\\b`, "g");
    for (const m of lower.matchAll(re)) {
      // Negated or questioned within two words: "not agree", "cannot fully agree", "don't think I agree".
      const before = lower.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
      if (/(\bnot|\bnever|\bwhether|\bcannot|n['’]t)\s+(\w+\s+){0,2}$/.test(before)) continue;
      matches.push({ text: m[1], values: dict.get(m[1]) ?? [], lang: "en" });
    }
  }
  return matches;
}

const REFUSALS: RegExp[] = [
  /作为(一个|一名|一款)?\s*(ai|人工智能|语言模型)/iu,
  /我(并)?(没有|不具备|不具有|无法拥有|不会有)(任何)?(个人的?|自己的)?(观点|看法|意见|立场|态度|情感|偏好)/u,
  /(无法|不能|不便)(回答|作答|做出选择|给出(个人)?(观点|看法|选择|答案))/u,
  /\bas an ai\b/i,
  /\bas an? (ai |large )?language model\b/i,
  /\bi (don't|do not|cannot|can't) (have|hold|express) (any )?(personal )?(opinions?|views?|beliefs?|feelings?)\b/i,
  /\bi('m| am) (not able|unable) to (answer|choose|express|provide|give|share)\b/i,
  /\bi (cannot|can't) (answer|choose|select|pick)\b/i,
];

// A clause that declines to choose, from its declining verb to the end of the clause (English lists options
// with commas, so there a clause ends at a sentence mark or at ", but" and the like).
const DECLINING_CLAUSES: RegExp[] = [
  /(无法|不能|不会|不便|难以|不好)[^，。,.;；！!？?\n]*/gu,
  /\b(cannot|can['’]t|can not|won['’]t|will not|unable to|not able to)\b(?:(?!,\s*(?:but|however|though|yet|still|so)\b)[^.;!?\n])*/giu,
];

/** The answer without the clauses that name options only to decline them (used for refusals only). */
export function withoutDeclinedOptions(text: string): string {
  return DECLINING_CLAUSES.reduce((t, re) => t.replace(re, " "), text.normalize("NFKC"));
}

export function isRefusal(text: string): boolean {
  const t = text.normalize("NFKC");
  return REFUSALS.some((re) => re.test(t));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
