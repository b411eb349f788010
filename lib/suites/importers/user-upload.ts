import { BUNDLED_SUITE_IDS } from "../bundled-meta";
import { decodeText } from "../decode";
import type { SuiteDefinition, SuiteItem, TaskKind } from "../types";
import { readCsvRecords } from "./csv-records";
import { dialogueItemFromRecord } from "./dialogue-records";
import { ImportError, IssueCollector, fail } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { readJsonDocument } from "./json-document";
import { readJsonLines } from "./json-lines";
import { mcqItemFromRecord } from "./mcq-records";
import { OffsetTally } from "./ner-offsets";
import { entityTypesOf, nerItemFromRecord } from "./ner-records";
import { openQaItemFromRecord } from "./open-qa-records";
import { unknownFieldsWarning, type MapContext } from "./record-common";
import { isPlainObject, requireArrayRecords, type ImportFile, type SourceRecord } from "./records";

export const SUITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const PREVIEW_SIZE = 20;

export interface UserSuiteRequest extends ImportFile {
  taskKind: TaskKind;
  id: string;
  name: string | { en: string; zh: string };
  description?: { en: string; zh: string };
  licence?: string;
}

type Format = "jsonl" | "json" | "csv";

function formatOf(fileName: string): Format {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "jsonl" || ext === "json" || ext === "csv") return ext;
  return fail(fileName, `unsupported file type${ext ? ` ".${ext}"` : ""}: upload a .jsonl, .json or .csv file`);
}

/** .json holds either a JSON array of objects or, like the ChineseBLUE files, one object per line. */
function readRecords(text: string, fileName: string, format: Format, issues: IssueCollector): SourceRecord[] {
  if (format === "csv") return readCsvRecords(text, fileName);
  if (format === "json" && text.trimStart().startsWith("[")) {
    const records = requireArrayRecords(readJsonDocument(text, fileName), fileName);
    for (const r of records) if (!isPlainObject(r.value)) issues.add("expected a JSON object", { line: r.line, field: r.fieldPrefix });
    return records.filter((r) => isPlainObject(r.value));
  }
  return readJsonLines(text, fileName, issues);
}

function parseUserItems(file: ImportFile, kind: TaskKind): { items: SuiteItem[]; warnings: string[] } {
  if (kind === "scale") fail(file.fileName, "scale suites cannot be uploaded; they come from data/scales/scales.json");
  const format = formatOf(file.fileName);
  if (format === "csv" && (kind === "ner" || kind === "dialogue")) {
    fail(file.fileName, `${kind} suites must be uploaded as JSON Lines (.jsonl), not CSV`);
  }
  const text = decodeText(file.bytes, file.fileName);
  if (text.trim() === "") fail(file.fileName, "file is empty");
  const ctx: MapContext = { issues: new IssueCollector(file.fileName), unknownFields: new Set() };
  const records = readRecords(text, file.fileName, format, ctx.issues);
  const tally = new OffsetTally();
  const built: BuiltItem[] = [];
  for (const record of records) {
    const item =
      kind === "mcq" ? mcqItemFromRecord(record, ctx)
      : kind === "ner" ? nerItemFromRecord(record, ctx, tally)
      : kind === "open_qa" ? openQaItemFromRecord(record, ctx)
      : dialogueItemFromRecord(record, ctx);
    if (item) built.push({ item, record });
    if (ctx.issues.full) break;
  }
  const items = finalizeItems(kind, built, ctx.issues);
  const offsetWarning = tally.warning(file.fileName);
  return { items, warnings: [...unknownFieldsWarning(file.fileName, ctx), ...(offsetWarning ? [offsetWarning] : [])] };
}

function checkId(request: Pick<UserSuiteRequest, "id" | "fileName">): void {
  if (!SUITE_ID_PATTERN.test(request.id)) {
    fail(request.fileName, "suite id must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit", {
      field: "id",
    });
  }
  if ((BUNDLED_SUITE_IDS as readonly string[]).includes(request.id)) {
    fail(request.fileName, `suite id "${request.id}" is reserved for a bundled suite`, { field: "id" });
  }
}

/** Parses an uploaded file into a suite; throws ImportError (nothing is half-imported). */
export function importUserSuite(request: UserSuiteRequest): { suite: SuiteDefinition; warnings: string[] } {
  checkId(request);
  const name = typeof request.name === "string" ? { en: request.name.trim(), zh: request.name.trim() } : request.name;
  if (name.en === "" || name.zh === "") fail(request.fileName, "suite name must not be empty", { field: "name" });
  const { items, warnings } = parseUserItems(request, request.taskKind);
  const config: Record<string, unknown> = request.taskKind === "ner" ? { entityTypes: entityTypesOf(items) } : {};
  const suite: SuiteDefinition = {
    id: request.id,
    name,
    taskKind: request.taskKind,
    licence: request.licence ?? "user-supplied",
    source: `upload:${request.fileName}`,
    config,
    items,
  };
  if (request.description) suite.description = request.description;
  return { suite, warnings };
}

export type UserSuitePreview =
  | { ok: true; items: SuiteItem[]; total: number; warnings: string[] }
  | { ok: false; error: ImportError };

/** What an upload would import, without needing an id or name yet. */
export function previewUserSuite(request: ImportFile & { taskKind: TaskKind; id?: string }): UserSuitePreview {
  try {
    if (request.id !== undefined) checkId({ id: request.id, fileName: request.fileName });
    const { items, warnings } = parseUserItems(request, request.taskKind);
    return { ok: true, items: items.slice(0, PREVIEW_SIZE), total: items.length, warnings };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error };
    throw error;
  }
}
