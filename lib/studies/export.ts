import { createHash } from "node:crypto";
import type { ChatMessage } from "@/lib/suites/types";
import type { LlamaFactoryLine, RatingLine, StudyExportFormat, TrlLine } from "./export-schema";

/** A rater's judgement as the export needs it (see listStudyRaterJudgements). */
export interface ExportJudgement {
  raterId: string | null;
  raterRevokedAt: Date | null;
  itemId: string;
  itemExternalId: string;
  suiteId: string;
  taskKind: string;
  input: Record<string, unknown>;
  runAId: string;
  runBId: string | null;
  modelA: string;
  modelB: string | null;
  leftRunId: string | null;
  choice: string | null;
  ratedRunId: string | null;
  correctness: number | null;
  safety: number | null;
  createdAt: Date;
}

export interface ExportSwitches {
  includeTies: boolean;
  includeRevoked: boolean;
  includeFlagged: boolean;
}
export const exportDefaults: ExportSwitches = { includeTies: false, includeRevoked: false, includeFlagged: false };

export interface ExportContext {
  studyId: string;
  /** Raters whose answers form a response set (same option every item, same side every pair). */
  flaggedRaterIds: ReadonlySet<string>;
  /** (run id, item id) → answer text. */
  answerOf: (runId: string, itemId: string) => string | null;
  raterHash: (raterId: string) => string;
  switches: ExportSwitches;
}

/** sha256(salt ‖ rater id), 16 hex digits: joins one rater's lines without exposing who it is. */
export function saltedRaterHash(salt: string): (raterId: string) => string {
  return (raterId) => createHash("sha256").update(`${salt}\u0000${raterId}`).digest("hex").slice(0, 16);
}

function kept(j: ExportJudgement, { switches, flaggedRaterIds }: ExportContext): boolean {
  if (!j.raterId) return false;
  if (j.raterRevokedAt && !switches.includeRevoked) return false;
  if (flaggedRaterIds.has(j.raterId) && !switches.includeFlagged) return false;
  return true;
}

interface Preference {
  j: ExportJudgement;
  chosen: { text: string; model: string; runId: string };
  rejected: { text: string; model: string; runId: string };
  tie: boolean;
}

function preferences(rows: readonly ExportJudgement[], ctx: ExportContext): Preference[] {
  const out: Preference[] = [];
  for (const j of rows) {
    if (!kept(j, ctx) || !j.runBId || !j.modelB) continue;
    if (j.choice !== "a" && j.choice !== "b" && j.choice !== "tie") continue;
    if (j.choice === "tie" && !ctx.switches.includeTies) continue;
    const textA = ctx.answerOf(j.runAId, j.itemId);
    const textB = ctx.answerOf(j.runBId, j.itemId);
    if (textA === null || textB === null) continue;
    const a = { text: textA, model: j.modelA, runId: j.runAId };
    const b = { text: textB, model: j.modelB, runId: j.runBId };
    // A tie has no preferred side: the answer shown on the left stands first.
    const aFirst = j.choice === "a" || (j.choice === "tie" && j.leftRunId === j.runAId);
    out.push({ j, chosen: aFirst ? a : b, rejected: aFirst ? b : a, tie: j.choice === "tie" });
  }
  return out;
}

function metadataOf(p: Preference, ctx: ExportContext) {
  return {
    study: ctx.studyId,
    item: p.j.itemExternalId,
    suite: p.j.suiteId,
    chosen_model: p.chosen.model,
    rejected_model: p.rejected.model,
    rater: ctx.raterHash(p.j.raterId!),
    side_shown: p.j.leftRunId === p.chosen.runId ? ("chosen" as const) : ("rejected" as const),
    ...(p.tie ? { tie: true } : {}),
    timestamp: p.j.createdAt.toISOString(),
  };
}

/** The dialogue history (ending with the user turn answered), or null for a non-dialogue item. */
function historyOf(j: ExportJudgement): ChatMessage[] | null {
  if (j.taskKind !== "dialogue" || !Array.isArray(j.input.history)) return null;
  return (j.input.history as ChatMessage[]).map(({ role, content }) => ({ role, content }));
}

function questionOf(j: ExportJudgement): { question: string; context: string } {
  const question = typeof j.input.question === "string" ? j.input.question : typeof j.input.prompt === "string" ? j.input.prompt : "";
  return { question, context: typeof j.input.context === "string" ? j.input.context : "" };
}

export function trlLines(rows: readonly ExportJudgement[], ctx: ExportContext): TrlLine[] {
  return preferences(rows, ctx).map((p) => {
    const metadata = metadataOf(p, ctx);
    const history = historyOf(p.j);
    if (history) {
      const turn = (content: string) => [{ role: "assistant" as const, content }];
      return { prompt: history, chosen: turn(p.chosen.text), rejected: turn(p.rejected.text), metadata };
    }
    const { question, context } = questionOf(p.j);
    return { prompt: context ? `${context}\n\n${question}` : question, chosen: p.chosen.text, rejected: p.rejected.text, metadata };
  });
}

/** Chat messages as LLaMA-Factory's sharegpt columns: system turns joined apart, the others as human/gpt turns. */
export function toShareGpt(messages: readonly ChatMessage[]): { conversations: { from: "human" | "gpt"; value: string }[]; system: string } {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content).join("\n\n");
  const conversations = messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ from: m.role === "user" ? ("human" as const) : ("gpt" as const), value: m.content }));
  return { conversations, system };
}

export function llamaFactoryLines(rows: readonly ExportJudgement[], ctx: ExportContext): LlamaFactoryLine[] {
  return preferences(rows, ctx).map((p) => {
    const metadata = metadataOf(p, ctx);
    const history = historyOf(p.j);
    if (history) {
      const { conversations, system } = toShareGpt(history);
      const gpt = (value: string) => ({ from: "gpt" as const, value });
      return { conversations, ...(system ? { system } : {}), chosen: gpt(p.chosen.text), rejected: gpt(p.rejected.text), metadata };
    }
    const { question, context } = questionOf(p.j);
    return { instruction: question, input: context, chosen: p.chosen.text, rejected: p.rejected.text, metadata };
  });
}

export function ratingLines(rows: readonly ExportJudgement[], ctx: ExportContext): RatingLine[] {
  return rows
    .filter((j) => kept(j, ctx) && j.ratedRunId && (j.correctness !== null || j.safety !== null))
    .map((j) => ({
      study: ctx.studyId,
      item: j.itemExternalId,
      suite: j.suiteId,
      model: (j.ratedRunId === j.runAId ? j.modelA : j.modelB) ?? "",
      rater: ctx.raterHash(j.raterId!),
      correctness: j.correctness,
      safety: j.safety,
      timestamp: j.createdAt.toISOString(),
    }));
}

/** LLaMA-Factory's dataset_info.json entry for the llamafactory JSONL file of a study. */
export function llamaFactoryDatasetInfo(fileName: string, dialogue: boolean): Record<string, unknown> {
  const name = fileName.replace(/\.jsonl$/, "");
  if (dialogue) {
    return {
      [name]: {
        file_name: fileName,
        formatting: "sharegpt",
        ranking: true,
        columns: { messages: "conversations", system: "system", chosen: "chosen", rejected: "rejected" },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    };
  }
  return {
    [name]: {
      file_name: fileName,
      ranking: true,
      columns: { prompt: "instruction", query: "input", chosen: "chosen", rejected: "rejected" },
    },
  };
}

export function exportLines(format: StudyExportFormat, rows: readonly ExportJudgement[], ctx: ExportContext): object[] {
  if (format === "trl") return trlLines(rows, ctx);
  if (format === "llamafactory") return llamaFactoryLines(rows, ctx);
  return ratingLines(rows, ctx);
}

/** One JSON object per line, newline-terminated. */
export function toJsonl(lines: readonly object[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join("");
}
