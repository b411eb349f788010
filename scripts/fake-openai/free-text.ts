import { pick, seededRng } from "./text-utils";

const CLAUSE_SPLIT = /[，。？！；,.?!;：:\n]+/;
const MAX_CLAUSE = 40;

const TEMPLATES: readonly ((a: string, b: string) => string)[] = [
  (a, b) => `根据您的描述，${a}。建议${b}，必要时及时到医院就诊。`,
  (a, b) => `${a}可能与多种因素有关。${b}，请在医生指导下进一步检查。`,
  (a, b) => `您好，${a}。一般来说，${b}。如症状持续或加重，请尽快就医。`,
  (a, b) => `${a}。从临床角度看，${b}，需要结合病史和体格检查综合判断。`,
];

const FALLBACK = "建议您及时就医，在医生指导下进行相关检查和治疗。";

/** A medical-sounding reply stitched from the prompt's own clauses, so BLEU/ROUGE against references are non-zero. */
export function freeTextFor(content: string, seed: number): string {
  const clauses = content
    .split(CLAUSE_SPLIT)
    .map((c) => c.trim().slice(0, MAX_CLAUSE))
    .filter((c) => c.length >= 2);
  if (clauses.length === 0) return FALLBACK;
  const rng = seededRng(seed, content, "free");
  const template = pick(rng, TEMPLATES);
  const a = Math.floor(rng() * clauses.length);
  const b = clauses.length > 1 ? (a + 1 + Math.floor(rng() * (clauses.length - 1))) % clauses.length : a;
  return template(clauses[a], clauses[b]);
}
