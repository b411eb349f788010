import { fail } from "./errors";
import type { SuiteItem } from "../types";

/** What every importer receives: importers never touch the filesystem. */
export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  items: SuiteItem[];
  warnings: string[];
}

/** One record of a source file with where it came from, for error messages. */
export interface SourceRecord {
  /** 1-based line where the record starts, when the format has meaningful lines. */
  line?: number;
  /** 0-based position among the file's records. */
  index: number;
  value: unknown;
  /** Prefix for field paths inside this record, e.g. "[12]" for JSON array elements. */
  fieldPrefix: string;
}

export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whole-file JSON arrays (CMB-Clin, Huatuo, CMtMedQA) share this entry check. */
export function requireArrayRecords(
  doc: { records?: SourceRecord[] },
  fileName: string,
): SourceRecord[] {
  if (!doc.records) return fail(fileName, "expected a JSON array of objects");
  if (doc.records.length === 0) return fail(fileName, "file contains no items");
  return doc.records;
}
