export type McqRule = "bare" | "leading" | "cue" | "weak-cue" | "option-text" | "unparsed";

export interface McqParse {
  letter: string | null;
  rule: McqRule;
}

const UNPARSED: McqParse = { letter: null, rule: "unparsed" };
const OPEN = String.raw`[(\[【「]`;
const CLOSE = String.raw`[)\]】」]`;
const VERB = String.raw`(?:应该是|应该为|应为|应选|选择|是|为|选|would\s+be|should\s+be|must\s+be|is)?`;
const LETTER = String.raw`\s*[:]?\s*(?:选项|option\s*)?(${OPEN}\s*)?([A-Za-z])(\s*${CLOSE})?`;

// A strong cue states the answer; it outranks a leading letter, which may be the echo of an option list.
// Weak cues merely name an option ("选项A错误", "B正确") and count only when nothing else does.
// A tier naming two different letters is unparsed, never a pick.
const STRONG = new RegExp(
  String.raw`(?:(?:正确|最终|参考|最佳|标准)?答案|正确选项|最佳选项|(?:^|[故应我此以即])选择?|(?:the\s+)?(?:correct\s+|final\s+|best\s+|right\s+)?answer)\s*${VERB}${LETTER}`,
  "gim",
);
const WEAK = new RegExp(String.raw`(?:选项|选择?|option|choice)\s*(?:是|为)?${LETTER}`, "gi");
const POSTFIX = /(?<![A-Za-z])([A-Z])\s*(?:选项|项)?\s*(?:是|为)?(?:正确|对的|最佳|最合适|符合题意)/g;
const SEPARATOR = String.raw`(?:[或和与及、/,，&]|or\b|and\b)`;
const ALTERNATIVE_AFTER = new RegExp(String.raw`^\s*${SEPARATOR}\s*${OPEN}?\s*([A-Z])(?![A-Za-z0-9])`);
const ALTERNATIVE_BEFORE = new RegExp(String.raw`(?<![A-Za-z])([A-Z])${CLOSE}?\s*${SEPARATOR}\s*${OPEN}?\s*$`);

export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

function normalise(text: string): string {
  // Markdown emphasis and headings ("**答案：B**") never carry meaning in an answer.
  return toHalfWidth(text).replace(/[*#`]/g, "").trim();
}

function hasAlternative(re: RegExp, text: string, letters: ReadonlySet<string>): boolean {
  const m = re.exec(text);
  return m !== null && letters.has(m[1]);
}

/**
 * A lowercase letter is accepted only where prose cannot put the article "a" or a stray word: closed by a
 * bracket ("(c)", "b)"), or followed by the end or punctuation. An uppercase letter needs only to end the word.
 */
function letterAt(m: RegExpExecArray, letterGroup: number, letters: ReadonlySet<string>, s: string): string | null {
  const raw = m[letterGroup];
  const end = m.index + m[0].length;
  const next = s.slice(end);
  if (/^[A-Za-z0-9]/.test(next)) return null;
  const closed = m[letterGroup + 1] !== undefined;
  if (raw !== raw.toUpperCase() && !closed && !/^\s*(?:$|[.。,，;；!?！？])/.test(next)) return null;
  const letter = raw.toUpperCase();
  return letters.has(letter) ? letter : null;
}

function cueLetters(s: string, re: RegExp, letters: ReadonlySet<string>, found = new Set<string>()) {
  let ambiguous = false;
  for (const m of s.matchAll(re)) {
    const postfix = re === POSTFIX;
    const letter = postfix ? (letters.has(m[1]) ? m[1] : null) : letterAt(m, 2, letters, s);
    if (letter === null) continue;
    found.add(letter);
    if (postfix ? hasAlternative(ALTERNATIVE_BEFORE, s.slice(0, m.index), letters)
        : hasAlternative(ALTERNATIVE_AFTER, s.slice(m.index + m[0].length), letters)) ambiguous = true;
  }
  return { found, ambiguous };
}

function decide(tier: { found: Set<string>; ambiguous: boolean }, rule: McqRule): McqParse | null {
  if (tier.ambiguous || tier.found.size > 1) return UNPARSED;
  return tier.found.size === 1 ? { letter: [...tier.found][0], rule } : null;
}

function leadingLetter(s: string, letters: ReadonlySet<string>): string | null {
  const m =
    new RegExp(String.raw`^${OPEN}\s*([A-Za-z])\s*${CLOSE}`).exec(s) ??
    /^([A-Za-z])(?=\s*[.、:)\]】」])/.exec(s) ??
    /^([A-Z])(?=\s*\n|[ \t]+[^A-Za-z\s]|[,，。;；])/.exec(s);
  if (!m) return null;
  const letter = m[1].toUpperCase();
  if (!letters.has(letter) || hasAlternative(ALTERNATIVE_AFTER, s.slice(m[0].length), letters)) return null;
  return letter;
}

function squash(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, "").toLowerCase();
}

/** The one option whose text the answer contains; an option found only inside a longer matched option does not count. */
function optionByText(s: string, options: Record<string, string>, letters: ReadonlySet<string>): string | null {
  const answer = squash(s);
  const hits: { letter: string; spans: [number, number][] }[] = [];
  for (const letter of letters) {
    const needle = squash(options[letter]);
    if (!needle) continue;
    const spans: [number, number][] = [];
    for (let i = answer.indexOf(needle); i >= 0; i = answer.indexOf(needle, i + 1)) spans.push([i, i + needle.length]);
    if (spans.length) hits.push({ letter, spans });
  }
  const inside = (a: [number, number], b: [number, number]) => b[0] <= a[0] && a[1] <= b[1] && b[1] - b[0] > a[1] - a[0];
  const standing = hits.filter((h) =>
    h.spans.some((span) => !hits.some((o) => o !== h && o.spans.some((os) => inside(span, os)))),
  );
  return standing.length === 1 ? standing[0].letter : null;
}

export function parseMcqAnswer(text: string, options: Record<string, string>): McqParse {
  const letters = new Set(Object.keys(options).filter((k) => /^[A-Z]$/.test(k)));
  const s = normalise(text);
  if (!s || letters.size === 0) return UNPARSED;

  const bare = new RegExp(String.raw`^${OPEN}?\s*([A-Za-z])\s*${CLOSE}?\s*[.。,，;；!！]?$`).exec(s);
  if (bare) {
    const letter = bare[1].toUpperCase();
    return letters.has(letter) ? { letter, rule: "bare" } : UNPARSED;
  }

  const strong = decide(cueLetters(s, STRONG, letters), "cue");
  if (strong) return strong;
  const lead = leadingLetter(s, letters);
  if (lead !== null) return { letter: lead, rule: "leading" };
  const weak = cueLetters(s, WEAK, letters);
  const postfix = cueLetters(s, POSTFIX, letters, weak.found);
  const weakPick = decide({ found: weak.found, ambiguous: weak.ambiguous || postfix.ambiguous }, "weak-cue");
  if (weakPick) return weakPick;

  const byText = optionByText(s, options, letters);
  return byText ? { letter: byText, rule: "option-text" } : UNPARSED;
}

/**
 * The option letter with the most probability mass among the top tokens. Mass is summed per letter because
 * tokenisers offer variants of one letter (" B", "B", "Ｂ"). Only uppercase counts: a lowercase token at the
 * answer position is usually the start of a word. Ties are unparsed.
 */
export function pickLetterFromLogprobs(
  topLogprobs: readonly { token: string; logprob: number }[],
  letters: readonly string[],
): string | null {
  const mass = new Map<string, number>();
  for (const { token, logprob } of topLogprobs) {
    const letter = toHalfWidth(token).trim();
    if (letters.includes(letter)) mass.set(letter, (mass.get(letter) ?? 0) + Math.exp(logprob));
  }
  let best: string | null = null;
  let bestMass = -1;
  for (const [letter, p] of mass) {
    if (p > bestMass) [best, bestMass] = [letter, p];
    else if (p === bestMass) best = null;
  }
  return best;
}
