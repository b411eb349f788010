// A stand-in for TRL's RewardTrainer/DPOTrainer data path: reads preference JSONL by the field names the
// trainers use ("prompt", "chosen", "rejected"), checks one format across the file (standard strings or
// conversational messages, as `is_conversational` decides), and renders each row the way
// `maybe_apply_chat_template` would. `npx tsx scripts/trl-consumer.ts < file.jsonl` prints the row count.
// SFT and language-modelling files (`messages`, `text`) are read the way SFTTrainer's data path reads them.
import { readFileSync } from "node:fs";

type Message = { role: string; content: string };
type Row = { prompt: unknown; chosen: unknown; rejected: unknown };

const isMessages = (v: unknown): v is Message[] =>
  Array.isArray(v) && v.length > 0 && v.every((m) => typeof m?.role === "string" && typeof m?.content === "string");

const template = (messages: Message[]) => messages.map((m) => `<|${m.role}|>\n${m.content}\n`).join("");

/** Rendered (prompt, chosen, rejected) texts; throws on the first row a trainer would refuse. */
export function consumePreferenceJsonl(text: string): { prompt: string; chosen: string; rejected: string }[] {
  let conversational: boolean | null = null;
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const row = JSON.parse(line) as Row;
      for (const field of ["prompt", "chosen", "rejected"] as const) {
        if (!(field in row)) throw new Error(`line ${i + 1}: no "${field}"`);
      }
      const rowConversational = isMessages(row.prompt);
      conversational ??= rowConversational;
      if (rowConversational !== conversational) throw new Error(`line ${i + 1}: mixes standard and conversational rows`);
      if (rowConversational) {
        if (!isMessages(row.chosen) || !isMessages(row.rejected)) throw new Error(`line ${i + 1}: chosen/rejected must be messages`);
        const prompt = template(row.prompt as Message[]);
        return { prompt, chosen: template(row.chosen), rejected: template(row.rejected) };
      }
      if (typeof row.prompt !== "string" || typeof row.chosen !== "string" || typeof row.rejected !== "string") {
        throw new Error(`line ${i + 1}: prompt, chosen and rejected must be strings`);
      }
      return { prompt: row.prompt, chosen: row.chosen, rejected: row.rejected };
    });
}

/**
 * A TRL training file of any kind: preference rows (above), conversational SFT rows (`messages`: roles from
 * the chat template's set, a user turn first after any system turn, an assistant turn last) or plain `text`
 * rows; one kind across the file. Answers the kind and the rendered texts.
 */
export function consumeTrainingJsonl(text: string): { kind: "preference" | "messages" | "text"; texts: string[] } {
  const first = JSON.parse(text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"))) as Record<string, unknown>;
  if ("chosen" in first) return { kind: "preference", texts: consumePreferenceJsonl(text).map((r) => r.prompt + r.chosen) };
  const kind = "messages" in first ? "messages" : "text";
  const texts = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      if (kind === "text") {
        if (typeof row.text !== "string" || row.text === "") throw new Error(`line ${i + 1}: "text" must be a non-empty string`);
        return row.text;
      }
      if (!isMessages(row.messages)) throw new Error(`line ${i + 1}: "messages" must be role/content turns`);
      const turns = row.messages.filter((m) => m.role !== "system");
      if (turns[0]?.role !== "user" || turns.at(-1)?.role !== "assistant") throw new Error(`line ${i + 1}: messages must open with user and end with assistant`);
      if (!row.messages.every((m) => ["system", "user", "assistant"].includes(m.role))) throw new Error(`line ${i + 1}: unknown role`);
      return template(row.messages);
    });
  return { kind, texts };
}

if (process.argv[1]?.endsWith("trl-consumer.ts")) {
  const { kind, texts } = consumeTrainingJsonl(readFileSync(0, "utf8"));
  process.stdout.write(`${texts.length} ${kind === "preference" ? "preference" : kind} rows\n`);
}
