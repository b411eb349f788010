import { BUNDLED_SUITE_IDS } from "../bundled-meta";
import { decodeText } from "../decode";
import { applyFieldMapping, detectEndIndex, type FieldMapping } from "../mapping/field-mapping";
import { describeFileShape, type FileShape } from "../mapping/file-shape";
import { CMEEE_TYPE_EN } from "../mapping/ner-type-names";
import { matchingPresets, type MappingPreset } from "../mapping/presets";
import type { SuiteDefinition, SuiteItem, TaskKind } from "../types";
import { readCsvRecords } from "./csv-records";
import { dialogueItemFromRecord } from "./dialogue-records";
import { ImportError, IssueCollector, fail } from "./errors";
import { finalizeItems, type BuiltItem } from "./finalize";
import { perplexityItemFromRecord, plainTextRecords } from "./perplexity-records";
import { rewardItemFromRecord } from "./reward-records";
import { instructionItemFromRecord } from "./instruction-records";
import { readJsonDocument } from "./json-document";
import { readJsonLines } from "./json-lines";
import { mcqItemFromRecord } from "./mcq-records";
import { OffsetTally } from "./ner-offsets";
import { entityTypesOf, nerItemFromRecord } from "./ner-records";
import { openQaItemFromRecord } from "./open-qa-records";
import { unknownFieldsWarning, type MapContext } from "./record-common";
import { isPlainObject, requireArrayRecords, type ImportFile, type SourceRecord } from "./records";
import { checkRequiredFields } from "./required-fields";

export const SUITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const PREVIEW_SIZE = 20;

export interface UserSuiteRequest extends ImportFile {
  taskKind: TaskKind;
  id: string;
  name: string | { en: string; zh: string };
  description?: { en: string; zh: string };
  licence?: string;
  mapping?: FieldMapping;
}

type UploadKind = Exclude<TaskKind, "scale">;
type Format = "jsonl" | "json" | "csv" | "txt";

function formatOf(fileName: string): Format {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "jsonl" || ext === "json" || ext === "csv" || ext === "txt") return ext;
  return fail(fileName, `unsupported file type${ext ? ` ".${ext}"` : ""}: upload a .jsonl, .json, .csv (or, for perplexity, .txt) file`);
}

/** .json holds either a JSON array of objects or, like the ChineseBLUE files, one object per line. */
function readRecords(text: string, fileName: string, format: Format, issues: IssueCollector): SourceRecord[] {
  if (format === "csv") return readCsvRecords(text, fileName);
  if (format === "txt") return plainTextRecords(text);
  if (format === "json" && text.trimStart().startsWith("[")) {
    const records = requireArrayRecords(readJsonDocument(text, fileName), fileName);
    for (const r of records) if (!isPlainObject(r.value)) issues.add("expected a JSON object", { line: r.line, field: r.fieldPrefix });
    return records.filter((r) => isPlainObject(r.value));
  }
  return readJsonLines(text, fileName, issues);
}

function readFileRecords(file: ImportFile) {
  const format = formatOf(file.fileName);
  const text = decodeText(file.bytes, file.fileName);
  if (text.trim() === "") fail(file.fileName, "file is empty");
  const issues = new IssueCollector(file.fileName);
  const records = readRecords(text, file.fileName, format, issues);
  return { format, records, issues };
}

function checkKind(fileName: string, kind: TaskKind): UploadKind {
  if (kind === "scale") fail(fileName, "scale suites cannot be uploaded; they come from data/scales/scales.json");
  if (formatOf(fileName) === "txt" && kind !== "perplexity") {
    fail(fileName, "plain text files hold perplexity corpora; upload other suites as .jsonl, .json or .csv");
  }
  if (formatOf(fileName) === "csv" && (kind === "ner" || kind === "dialogue")) {
    fail(fileName, `${kind} suites must be uploaded as JSON Lines (.jsonl), not CSV`);
  }
  return kind;
}

const itemFromRecord = {
  mcq: (record, ctx) => mcqItemFromRecord(record, ctx),
  ner: nerItemFromRecord,
  open_qa: openQaItemFromRecord,
  dialogue: dialogueItemFromRecord,
  instruction: instructionItemFromRecord,
  reward: rewardItemFromRecord,
  perplexity: perplexityItemFromRecord,
} satisfies Record<UploadKind, (record: SourceRecord, ctx: MapContext, tally: OffsetTally) => unknown>;

function parseUserItems(file: ImportFile, taskKind: TaskKind, mapping: FieldMapping = { fields: {} }) {
  const kind = checkKind(file.fileName, taskKind);
  const { format, records: source, issues } = readFileRecords(file);
  const ctx: MapContext = { issues, unknownFields: new Set() };
  const records = source.map((r) => ({ ...r, value: applyFieldMapping(kind, r.value, mapping) }));
  const sourceFields = describeFileShape(source.map((r) => r.value)).fields.map((f) => f.name);
  checkRequiredFields(kind, records, issues, { csv: format === "csv", sourceFields, mapped: Object.keys(mapping.fields).length > 0 });
  const tally = new OffsetTally();
  const built: BuiltItem[] = [];
  for (const record of records) {
    const item = itemFromRecord[kind](record, ctx, tally);
    if (item) built.push({ item, record });
  }
  const items = finalizeItems(kind, built, ctx.issues);
  const offsetWarning = tally.warning(file.fileName);
  return { items, warnings: [...unknownFieldsWarning(file.fileName, ctx), ...(offsetWarning ? [offsetWarning] : [])] };
}

/** NER: each type code with the name the prompt asks for (the mapping's, else the code itself). */
function entityTypeLabels(items: readonly SuiteItem[], mapping: FieldMapping | undefined) {
  return entityTypesOf(items).map(({ id }) => {
    const label = mapping?.typeLabels?.[id]?.trim() || id;
    return { id, label, en: mapping?.preset === "cmeee" ? (CMEEE_TYPE_EN[id] ?? id) : id };
  });
}

function suiteConfig(kind: TaskKind, items: readonly SuiteItem[], mapping: FieldMapping | undefined): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (kind === "ner") config.entityTypes = entityTypeLabels(items, mapping);
  if (kind === "instruction" && mapping?.listDelimiter) config.listDelimiter = mapping.listDelimiter;
  if (mapping && Object.keys(mapping.fields).length > 0) config.importMapping = mapping;
  return config;
}

/** Why an id cannot name an uploaded suite, or null when it can. */
export function suiteIdProblem(id: string): { message: string; reserved: boolean } | null {
  if (!SUITE_ID_PATTERN.test(id)) {
    return { message: "suite id must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit", reserved: false };
  }
  if ((BUNDLED_SUITE_IDS as readonly string[]).includes(id)) return { message: `suite id "${id}" is reserved for a bundled suite`, reserved: true };
  return null;
}

function checkId(request: Pick<UserSuiteRequest, "id" | "fileName">): void {
  const problem = suiteIdProblem(request.id);
  if (problem) fail(request.fileName, problem.message, { field: "id" });
}

/** Parses an uploaded file into a suite; throws ImportError (nothing is half-imported). */
export function importUserSuite(request: UserSuiteRequest): { suite: SuiteDefinition; warnings: string[] } {
  checkId(request);
  const name = typeof request.name === "string" ? { en: request.name.trim(), zh: request.name.trim() } : request.name;
  if (name.en === "" || name.zh === "") fail(request.fileName, "suite name must not be empty", { field: "name" });
  const { items, warnings } = parseUserItems(request, request.taskKind, request.mapping);
  const config = suiteConfig(request.taskKind, items, request.mapping);
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
  | { ok: true; items: SuiteItem[]; total: number; warnings: string[]; entityTypes?: { id: string; label: string }[] }
  | { ok: false; error: ImportError };

/** What an upload would import, without needing an id or name yet. */
export function previewUserSuite(
  request: ImportFile & { taskKind: TaskKind; id?: string; mapping?: FieldMapping },
): UserSuitePreview {
  try {
    if (request.id !== undefined) checkId({ id: request.id, fileName: request.fileName });
    const { items, warnings } = parseUserItems(request, request.taskKind, request.mapping);
    const preview: UserSuitePreview = { ok: true, items: items.slice(0, PREVIEW_SIZE), total: items.length, warnings };
    if (request.taskKind === "ner") preview.entityTypes = entityTypeLabels(items, request.mapping).map(({ id, label }) => ({ id, label }));
    return preview;
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error };
    throw error;
  }
}

export interface FileInspection {
  shape: FileShape;
  presets: Pick<MappingPreset, "id" | "name" | "kind" | "mapping">[];
  records: number;
  /** For NER spans with both ends and the mention: which end convention the file follows. */
  endIndex: "inclusive" | "exclusive" | null;
}

/** The fields of an uploaded file and the presets it matches: what the field-mapping step is built from. */
export function inspectUserFile(file: ImportFile): FileInspection {
  const { records, issues } = readFileRecords(file);
  issues.throwIfAny();
  const values = records.map((r) => r.value);
  const shape = describeFileShape(values);
  const presets = matchingPresets(shape).map(({ id, name, kind, mapping }) => {
    if (kind !== "ner") return { id, name, kind, mapping };
    return { id, name, kind, mapping: { ...mapping, endIndex: detectEndIndex(values, mapping) ?? mapping.endIndex } };
  });
  const cmeee = presets.find((p) => p.kind === "ner");
  return { shape, presets, records: records.length, endIndex: cmeee ? (cmeee.mapping.endIndex ?? null) : detectEndIndex(values, { fields: {} }) };
}
