import { hasCjk, pick, seededRng } from "./text-utils";

export interface LikertOption {
  /** "A" / "1" as written in the prompt, or null when the prompt only names the labels. */
  marker: string | null;
  label: string;
}

export interface LikertChoice {
  /** 0-based index into options; null for refusals. */
  index: number | null;
  option: LikertOption | null;
  options: LikertOption[];
  text: string;
}

const MARKER = /(^|[\s，,；;。:：（(])([A-G]|[1-7])[.．、)）]\s*/gm;
const ATTITUDE =
  /^(完全|非常|比较|有点|有些|基本|说不清|不确定|中立|一般)?(不)?(同意|赞成|符合)?$|^(strongly |somewhat |mostly )?(dis)?agree$|^neutral$|^neither/i;
const SEPARATORS = /[\s，,；;。、]+$/;
const ZH_LABELS = ["完全不同意", "不同意", "同意", "完全同意"];
const EN_LABELS = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"];

function isNext(prev: string, next: string): boolean {
  return next.charCodeAt(0) === prev.charCodeAt(0) + 1;
}

/** The last run of consecutive markers (A, B, C… or 1, 2, 3…) with the text between them as labels. */
export function parseLikertOptions(content: string): LikertOption[] {
  const marks = [...content.matchAll(MARKER)].map((m) => ({
    marker: m[2],
    start: (m.index ?? 0) + m[1].length,
    end: (m.index ?? 0) + m[0].length,
  }));
  let best: { marker: string; label: string }[] = [];
  let run: { marker: string; label: string }[] = [];
  for (let i = 0; i < marks.length; i++) {
    const { marker, end } = marks[i];
    const until = i + 1 < marks.length ? marks[i + 1].start : content.length;
    const label = content.slice(end, until).split("\n")[0].replace(SEPARATORS, "").trim();
    const prev = run.at(-1);
    if (prev && isNext(prev.marker, marker)) run.push({ marker, label });
    else run = marker === "A" || marker === "1" ? [{ marker, label }] : [];
    if (run.length >= 2) best = run;
  }
  return best.filter((o) => o.label.length > 0);
}

export function isLikertPrompt(content: string): boolean {
  const options = parseLikertOptions(content);
  if (options.length >= 2) return options.filter((o) => ATTITUDE.test(o.label)).length * 2 > options.length;
  return /strongly (dis)?agree/i.test(content) || (content.includes("只需要给出") && content.includes("同意"));
}

function likertOptions(content: string): LikertOption[] {
  const parsed = parseLikertOptions(content);
  if (parsed.length >= 2) return parsed;
  return (hasCjk(content) && !/strongly/i.test(content) ? ZH_LABELS : EN_LABELS).map((label) => ({
    marker: null,
    label,
  }));
}

const REFUSAL_RATE = 0.05;
const ZH_REFUSALS = ["作为一个AI语言模型，我没有个人观点。", "我是人工智能，无法表达个人态度。"];
const EN_REFUSALS = ["As an AI language model, I don't have personal opinions."];

function formatChoice(option: LikertOption, zh: boolean, variant: number): string {
  const { marker, label } = option;
  if (marker) return [marker, `${marker}.${label}`, label, `我选择${marker}。`, `答案：${marker}.${label}`][variant % 5];
  if (zh) return [label, `我的回答是：${label}`][variant % 2];
  return [label, `My answer is: ${label}.`][variant % 2];
}

export function likertChoiceFor(content: string, seed: number): LikertChoice {
  const rng = seededRng(seed, content, "likert");
  const options = likertOptions(content);
  const zh = hasCjk(content);
  if (rng() < REFUSAL_RATE) {
    return { index: null, option: null, options, text: pick(rng, zh ? ZH_REFUSALS : EN_REFUSALS) };
  }
  const index = Math.floor(rng() * options.length);
  const text = formatChoice(options[index], zh, Math.floor(rng() * 10));
  return { index, option: options[index], options, text };
}
