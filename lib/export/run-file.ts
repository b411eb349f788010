import type { ExportRow } from "@/lib/db/queries/run-export";

/** The versioned JSON form of an exported run (README "Export and import"); bump on any incompatible change. */
export const RUN_FILE_FORMAT = "chimed-run/1";

/** Text that may quote a model server's URL (an error message): its `user:password@` part is cut. */
export function withoutUrlCredentials(text: string | null): string | null {
  return text === null ? null : text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1");
}

/** One item as it is written in every format (JSON, JSONL, CSV columns), 1-based `n` in run order. */
export function itemRecord(row: ExportRow, n: number) {
  return {
    n,
    externalId: row.externalId,
    subset: row.subset,
    sample: row.sample,
    status: row.status,
    outcome: row.outcome,
    prompt: row.messages,
    answer: row.rawResponse,
    parsed: row.parsed ?? null,
    scores: row.scores,
    error: withoutUrlCredentials(row.error),
    latencyMs: row.latencyMs,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    cached: row.cached,
  };
}
export type ItemRecord = ReturnType<typeof itemRecord>;

export const itemCsvHeader = [
  "n", "external_id", "subset", "sample", "status", "outcome", "correct", "answer", "parsed", "scores", "error",
  "latency_ms", "prompt_tokens", "completion_tokens", "cached", "prompt",
] as const;

export function itemCsvRow(item: ItemRecord): unknown[] {
  const correct = item.scores && typeof item.scores.correct === "number" ? item.scores.correct : null;
  const lastUser = Array.isArray(item.prompt) ? [...item.prompt].reverse().find((m) => (m as { role?: string })?.role === "user") : undefined;
  const prompt = lastUser && typeof (lastUser as { content?: unknown }).content === "string" ? (lastUser as { content: string }).content : item.prompt;
  return [
    item.n, item.externalId, item.subset, item.sample, item.status, item.outcome, correct, item.answer, item.parsed,
    item.scores, item.error, item.latencyMs, item.promptTokens, item.completionTokens, item.cached, prompt,
  ];
}
