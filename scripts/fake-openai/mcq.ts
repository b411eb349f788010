import { pick, type Rng, seededRng } from "./text-utils";

export interface McqOption {
  letter: string;
  text: string;
}

export interface LetterLogprob {
  token: string;
  logprob: number;
}

export interface McqChoice {
  /** The letter a correct parser should extract; null for the deliberately unparseable answers. */
  letter: string | null;
  /** The letter the fake "meant"; also the argmax of letterLogprobs. */
  intended: string;
  text: string;
  /** Log-softmax over the option letters, highest first. */
  letterLogprobs: LetterLogprob[];
}

const OPTION_LINE = /^[ \t]*([A-Z])[.．、]\s*(.*)$/gm;

export function parseMcqOptions(content: string): McqOption[] {
  const options: McqOption[] = [];
  const seen = new Set<string>();
  for (const m of content.matchAll(OPTION_LINE)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    options.push({ letter: m[1], text: m[2].trim() });
  }
  return options.length >= 2 && options[0].letter === "A" ? options : [];
}

const UNPARSEABLE = [
  "我无法确定。",
  "这个问题需要结合具体临床情况判断，无法给出唯一答案。",
  "抱歉，我不能回答这个问题。",
];

const FORMATS: readonly ((letter: string, option: string) => string)[] = [
  (l) => l,
  (l) => `答案：${l}`,
  (l) => `（${l}）`,
  (l) => `选${l}。因为……`,
  (l, o) => `正确答案是 ${l}. ${o}`,
  (l) => `The answer is (${l})`,
];

const UNPARSEABLE_RATE = 0.05;

function letterLogprobs(rng: Rng, letters: readonly string[], intended: string): LetterLogprob[] {
  const scores = letters.map((l) => (l === intended ? 3 + rng() * 3 : rng() * 2.5));
  const max = Math.max(...scores);
  const logSum = max + Math.log(scores.reduce((s, x) => s + Math.exp(x - max), 0));
  return letters
    .map((token, i) => ({ token, logprob: scores[i] - logSum }))
    .sort((a, b) => b.logprob - a.logprob);
}

export function mcqChoiceFor(content: string, options: readonly McqOption[], seed: number): McqChoice {
  const rng = seededRng(seed, content, "mcq");
  const chosen = pick(rng, options);
  const logprobs = letterLogprobs(
    rng,
    options.map((o) => o.letter),
    chosen.letter,
  );
  if (rng() < UNPARSEABLE_RATE) {
    return { letter: null, intended: chosen.letter, text: pick(rng, UNPARSEABLE), letterLogprobs: logprobs };
  }
  const text = pick(rng, FORMATS)(chosen.letter, chosen.text);
  return { letter: chosen.letter, intended: chosen.letter, text, letterLogprobs: logprobs };
}
