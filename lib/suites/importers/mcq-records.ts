import { z } from "zod";
import type { SuiteItem } from "../types";
import { commonFields, itemBase, noteUnknownFields, optionalText, requiredText, type MapContext } from "./record-common";
import { fieldPath, type SourceRecord } from "./records";
import { parseRecord } from "./zod-issues";

const LETTER = /^[A-Z]$/;

const mcqRecordSchema = z.looseObject({
  question: requiredText,
  answer: z.string().trim().min(1, { error: "must not be empty" }),
  subject: optionalText,
  ...commonFields,
});

export interface McqDefaults {
  split?: "test" | "dev";
  idPrefix?: string;
  /** Overrides any subject column (CMMLU files are one subject each). */
  subject?: string;
  subset?: string;
}

/** Options are the single-letter fields A, B, C...; trailing empty ones (a CSV's unused E column) are dropped. */
function readOptions(value: Record<string, unknown>, record: SourceRecord, ctx: MapContext) {
  const letters = Object.keys(value).filter((k) => LETTER.test(k)).sort();
  while (letters.length > 0 && blank(value[letters[letters.length - 1]])) letters.pop();
  const options: Record<string, string> = {};
  let ok = true;
  letters.forEach((letter, i) => {
    const expected = String.fromCharCode(65 + i);
    const text = value[letter];
    const at = { line: record.line, field: fieldPath(record.fieldPrefix, [letter]) };
    if (letter !== expected) {
      ctx.issues.add(`options must be consecutive letters from A; option ${expected} is missing`, at);
      ok = false;
    } else if (typeof text !== "string") {
      ctx.issues.add(`expected string, found ${text === null ? "null" : typeof text}`, at);
      ok = false;
    } else if (text.trim() === "") {
      ctx.issues.add("option is empty", at);
      ok = false;
    } else options[letter] = text;
  });
  if (ok && letters.length < 2) {
    ctx.issues.add("a multiple-choice item needs at least options A and B", { line: record.line });
    return undefined;
  }
  return ok ? options : undefined;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

export function mcqItemFromRecord(record: SourceRecord, ctx: MapContext, defaults: McqDefaults = {}): SuiteItem | undefined {
  const row = parseRecord(mcqRecordSchema, record, ctx.issues);
  if (!row) return undefined;
  noteUnknownFields(record.value, (k) => LETTER.test(k) || k in mcqRecordSchema.shape, ctx);
  const options = readOptions(row, record, ctx);
  if (!options) return undefined;
  const answer = row.answer.toUpperCase();
  if (!(answer in options)) {
    const letters = Object.keys(options);
    ctx.issues.add(`answer "${row.answer}" is not one of the options ${letters[0]}–${letters[letters.length - 1]}`, {
      line: record.line,
      field: fieldPath(record.fieldPrefix, ["answer"]),
    });
    return undefined;
  }
  const subject = defaults.subject ?? row.subject;
  const input: Record<string, unknown> = { question: row.question, options };
  if (subject !== undefined) input.subject = subject;
  const subset = defaults.subset ?? row.subject;
  return { ...itemBase(record, row, { ...defaults, subset }), input, gold: { answer } };
}
