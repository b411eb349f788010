import { parseMcqAnswer } from "@/lib/scoring/mcq-answer";
import type { ChatMessage, RewardInput } from "@/lib/suites/types";

/**
 * A generative model as judge of a preference tuple: asked twice, with the answers in both orders, so a model
 * that favours a position gives one vote to each (a tie) instead of a score. Labelled as a judge everywhere.
 */
export type JudgeOrder = "chosen_first" | "rejected_first";
export const JUDGE_ORDERS: readonly JudgeOrder[] = ["chosen_first", "rejected_first"];

export function judgeMessages({ prompt, chosen, rejected }: RewardInput, order: JudgeOrder): ChatMessage[] {
  const [a, b] = order === "chosen_first" ? [chosen, rejected] : [rejected, chosen];
  const content = [
    "以下是一个医学问题和两个回答。哪一个回答更好？请只回答 A 或 B。",
    `问题：${prompt}`,
    `A. ${a}`,
    `B. ${b}`,
    "答案：",
  ].join("\n");
  return [{ role: "user", content }];
}

/** The answer the verdict picked ("chosen" or "rejected"), or null when it named neither. */
export function judgeVerdict(text: string, input: RewardInput, order: JudgeOrder): "chosen" | "rejected" | null {
  const [a, b] = order === "chosen_first" ? [input.chosen, input.rejected] : [input.rejected, input.chosen];
  const { letter } = parseMcqAnswer(text, { A: a, B: b });
  if (letter === "A") return order === "chosen_first" ? "chosen" : "rejected";
  if (letter === "B") return order === "chosen_first" ? "rejected" : "chosen";
  return null;
}

/** Votes as rewards: each order's verdict is one vote; two unreadable verdicts are no answer at all. */
export function judgeRewards(verdicts: readonly ("chosen" | "rejected" | null)[]): { chosen: number; rejected: number } | null {
  if (verdicts.every((v) => v === null)) return null;
  return { chosen: verdicts.filter((v) => v === "chosen").length, rejected: verdicts.filter((v) => v === "rejected").length };
}
