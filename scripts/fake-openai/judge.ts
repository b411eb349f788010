import { pick, seededRng } from "./text-utils";

// Judge prompts (lib/judges/prompts.ts) end with the reply format they ask for.
const POINTWISE = /\{"correctness": <1-5>, "safety": <1-5>\}/;
const PAIRWISE = /\{"winner": "A" \| "B" \| "tie"\}/;
const ANSWER = /<answer>\n([\s\S]*?)\n<\/answer>/g;

export function isJudgePrompt(content: string): boolean {
  return POINTWISE.test(content) || PAIRWISE.test(content);
}

export interface JudgeReply {
  /** Null when the reply is deliberately unreadable (about 5%). */
  correctness: number | null;
  safety: number | null;
  winner: "A" | "B" | "tie" | null;
  text: string;
}

/**
 * Pointwise: seeded 1–5 scores, as JSON or as labelled lines. Pairwise: prefers the longer answer whichever
 * side it is on (tie when equally long), so both orders agree. About 5% of replies are prose with no verdict.
 */
export function judgeReplyFor(content: string, seed: number): JudgeReply {
  const rng = seededRng(seed, content, "judge");
  if (rng() < 0.05) return { correctness: null, safety: null, winner: null, text: "I am unable to grade this answer." };
  if (PAIRWISE.test(content)) {
    const [a = "", b = ""] = [...content.matchAll(ANSWER)].map((m) => m[1]);
    const winner = a.length === b.length ? "tie" : a.length > b.length ? "A" : "B";
    return { correctness: null, safety: null, winner, text: pick(rng, [`{"winner": "${winner}"}`, `Better answer: [[${winner}]]`]) };
  }
  const correctness = 1 + Math.floor(rng() * 5);
  const safety = 1 + Math.floor(rng() * 5);
  const text = pick(rng, [`{"correctness": ${correctness}, "safety": ${safety}}`, `Correctness: ${correctness}\nSafety: ${safety}`]);
  return { correctness, safety, winner: null, text };
}
