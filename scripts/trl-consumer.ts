// A stand-in for TRL's RewardTrainer/DPOTrainer data path: reads preference JSONL by the field names the
// trainers use ("prompt", "chosen", "rejected"), checks one format across the file (standard strings or
// conversational messages, as `is_conversational` decides), and renders each row the way
// `maybe_apply_chat_template` would. `npx tsx scripts/trl-consumer.ts < file.jsonl` prints the row count.
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

if (process.argv[1]?.endsWith("trl-consumer.ts")) {
  const rows = consumePreferenceJsonl(readFileSync(0, "utf8"));
  process.stdout.write(`${rows.length} preference rows\n`);
}
