import type { ChatMessage } from "../types";

/**
 * Problem with a dialogue history, or undefined when it is usable: an optional system message, then
 * user/assistant turns alternating from the user and ending with the user turn the model answers.
 */
export function dialogueHistoryProblem(history: readonly ChatMessage[]): string | undefined {
  const turns = history[0]?.role === "system" ? history.slice(1) : history;
  if (turns.length === 0) return "the dialogue has no user turn";
  for (let i = 0; i < turns.length; i++) {
    const expected = i % 2 === 0 ? "user" : "assistant";
    if (turns[i].role !== expected) {
      return `turn ${i + 1} has role "${turns[i].role}" but turns must alternate user/assistant starting with user`;
    }
    if (turns[i].content.trim() === "") return `turn ${i + 1} is empty`;
  }
  if (turns[turns.length - 1].role !== "user") return "the history must end with a user turn";
  return undefined;
}

/** [[patient, doctor], ...] pairs plus the current patient turn, as chat messages. */
export function historyFromPairs(pairs: readonly (readonly [string, string])[], current: string): ChatMessage[] {
  const history: ChatMessage[] = [];
  for (const [user, assistant] of pairs) {
    history.push({ role: "user", content: user }, { role: "assistant", content: assistant });
  }
  history.push({ role: "user", content: current });
  return history;
}
