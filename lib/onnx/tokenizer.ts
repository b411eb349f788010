// A model's tokenizer and chat template from its tokenizer.json and tokenizer_config.json (Hugging Face formats).
import { Template } from "@huggingface/jinja";
import { Tokenizer } from "@huggingface/tokenizers";
import type { ChatMessage } from "@/lib/suites/types";

export interface ChatTokenizer {
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** The chat template rendered with a generation prompt, tokenized as Hugging Face's apply_chat_template does. */
  encodeChat(messages: readonly ChatMessage[]): number[];
  /** Ids of special tokens (end of turn, end of text…). */
  specialIds: ReadonlySet<number>;
}

type Config = Record<string, unknown>;

function tokenText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") return (value as { content: string }).content;
  return undefined;
}

function templateOf(config: Config): string {
  const t = config.chat_template;
  if (typeof t === "string") return t;
  // Some configs hold a list of named templates.
  if (Array.isArray(t)) {
    const named = t.find((x) => x?.name === "default") ?? t[0];
    if (typeof named?.template === "string") return named.template;
  }
  throw new Error("the model's tokenizer_config.json has no chat_template");
}

export function createChatTokenizer(tokenizerJson: object, tokenizerConfig: Config): ChatTokenizer {
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const template = new Template(templateOf(tokenizerConfig));
  const specials = Object.fromEntries(
    ["bos_token", "eos_token", "pad_token", "unk_token"].map((k) => [k, tokenText(tokenizerConfig[k]) ?? ""]),
  );
  const specialIds = new Set<number>(
    ((tokenizerJson as { added_tokens?: { id: number; special?: boolean }[] }).added_tokens ?? []).filter((t) => t.special).map((t) => t.id),
  );
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).ids;
  return {
    encode,
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
    encodeChat: (messages) =>
      encode(
        template.render({
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          add_generation_prompt: true,
          ...specials,
        }),
      ),
    specialIds,
  };
}
