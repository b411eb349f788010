import type { ChatMessage, McqGold, McqInput } from "../types";
import { type SystemPromptOption, withSystemPrompt } from "./system";

export type McqTemplate = "paper" | "plain";

export interface McqShot {
  input: McqInput;
  gold: McqGold;
}

export interface McqPromptOptions extends SystemPromptOption {
  /** Chinese subject name shown in the paper's preamble; the item's own `subject` is an id, not a label. */
  subjectLabel?: string;
  shots?: McqShot[];
  template?: McqTemplate;
}

export const DEFAULT_MCQ_SUBJECT = "医学";

function optionLines(options: Record<string, string>): string {
  return Object.keys(options)
    .sort()
    .map((letter) => `${letter}.${options[letter]}`)
    .join("\n");
}

/** The paper's template (Fengshenbang-LM medical notebooks) ends at "答案：" so the next token is the letter. */
export function renderMcqQuestion(input: McqInput, template: McqTemplate = "paper", subjectLabel = DEFAULT_MCQ_SUBJECT): string {
  const body = `${optionLines(input.options)}\n答案：`;
  if (template === "plain") return `${input.question}\n${body}`;
  return `下面是一道关于${subjectLabel}的单选题，请选择正确的答案选项。\n问题：${input.question}\n\n${body}`;
}

/** k-shot exemplars become earlier user/assistant turns, the assistant answering with the bare letter. */
export function buildMcqMessages(input: McqInput, opts: McqPromptOptions = {}): ChatMessage[] {
  const { template = "paper", subjectLabel = DEFAULT_MCQ_SUBJECT, shots = [] } = opts;
  const messages: ChatMessage[] = shots.flatMap((shot): ChatMessage[] => [
    { role: "user", content: renderMcqQuestion(shot.input, template, subjectLabel) },
    { role: "assistant", content: shot.gold.answer },
  ]);
  messages.push({ role: "user", content: renderMcqQuestion(input, template, subjectLabel) });
  return withSystemPrompt(opts.systemPrompt, messages);
}
