import type { ChatMessage } from "../types";

/**
 * Our Chinese rendering of the "you are a professional doctor" system prompt the paper's GPT-3.5/GPT-4 baselines
 * used; the exact original wording was not published.
 */
export const DOCTOR_SYSTEM_PROMPT = "你是一名专业的医生。";

export interface SystemPromptOption {
  systemPrompt?: string;
}

export function withSystemPrompt(systemPrompt: string | undefined, messages: ChatMessage[]): ChatMessage[] {
  return systemPrompt ? [{ role: "system", content: systemPrompt }, ...messages] : messages;
}
