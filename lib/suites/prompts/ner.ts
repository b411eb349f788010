import type { ChatMessage, NerInput } from "../types";
import { type SystemPromptOption, withSystemPrompt } from "./system";

export interface NerTypeOption {
  id: string;
  label: string;
}

/** Asks for the format `parseEntities` reads first: one `实体<TAB>类型` per line, "无" when there is none. */
export function renderNerPrompt(input: NerInput, types: readonly NerTypeOption[]): string {
  const labels = types.map((t) => t.label).join("、");
  return [
    `请找出下面文本中所有属于以下类型的实体：${labels}。`,
    "每行输出一个实体，格式为“实体\t类型”：先写与原文完全一致的实体，再写一个制表符（Tab），再写类型；类型只能是上面列出的类型名称之一。",
    "除此之外不要输出任何内容。如果文本中没有这些类型的实体，只输出“无”。",
    `文本：${input.text}`,
  ].join("\n");
}

export function buildNerMessages(
  input: NerInput,
  types: readonly NerTypeOption[],
  opts: SystemPromptOption = {},
): ChatMessage[] {
  if (types.length === 0) throw new Error("buildNerMessages needs at least one entity type");
  return withSystemPrompt(opts.systemPrompt, [{ role: "user", content: renderNerPrompt(input, types) }]);
}
