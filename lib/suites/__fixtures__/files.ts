import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ImportFile } from "../importers/records";

/** A fixture file from this folder, as an importer receives it. */
export function fixture(name: string): ImportFile {
  const bytes = readFileSync(fileURLToPath(new URL(name, import.meta.url)));
  return { fileName: name, bytes: new Uint8Array(bytes) };
}

export function textFile(fileName: string, text: string): ImportFile {
  return { fileName, bytes: new TextEncoder().encode(text) };
}

export function jsonl(fileName: string, rows: unknown[]): ImportFile {
  return textFile(fileName, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

/** Runs fn, which must throw; returns the error for inspection. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
