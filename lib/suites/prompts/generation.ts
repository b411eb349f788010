import type { ChatMessage, DialogueInput, InstructionInput, OpenQaInput } from "../types";
import { type SystemPromptOption, withSystemPrompt } from "./system";

export function buildOpenQaMessages(input: OpenQaInput, opts: SystemPromptOption = {}): ChatMessage[] {
  const content = input.context ? `${input.context}\n\n${input.question}` : input.question;
  return withSystemPrompt(opts.systemPrompt, [{ role: "user", content }]);
}

/**
 * The history as chat turns; the model writes the doctor's next turn. Consecutive turns of one role are joined
 * because several chat templates reject two user (or assistant) messages in a row. System turns stored in the
 * history are joined into one leading system message, after `opts.systemPrompt`.
 */
export function buildDialogueMessages(input: DialogueInput, opts: SystemPromptOption = {}): ChatMessage[] {
  const system = [opts.systemPrompt, ...input.history.filter((m) => m.role === "system").map((m) => m.content)].filter(
    (s): s is string => Boolean(s),
  );
  const turns: ChatMessage[] = [];
  for (const m of input.history) {
    if (m.role === "system") continue;
    const last = turns[turns.length - 1];
    if (last?.role === m.role) last.content = `${last.content}\n${m.content}`;
    else turns.push({ role: m.role, content: m.content });
  }
  if (turns[turns.length - 1]?.role !== "user") throw new Error("dialogue history must end with a user turn");
  return withSystemPrompt(system.length ? system.join("\n") : undefined, turns);
}

/** The prompt exactly as the file wrote it: instruction sets carry their own task wording. */
export function buildInstructionMessages(input: InstructionInput, opts: SystemPromptOption = {}): ChatMessage[] {
  return withSystemPrompt(opts.systemPrompt, [{ role: "user", content: input.prompt }]);
}
