import { fail } from "./errors";
import { jsonErrorDetail } from "./json-lines";
import { locateJsonError } from "./json-locate";
import type { SourceRecord } from "./records";

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Start line of every element of a top-level JSON array (text already known to be valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expecting && c !== 93) {
      lines.push(line);
      expecting = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1 && c === 91) expecting = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expecting = true;
  }
  return lines;
}

/** A whole-file JSON document; arrays come back as records carrying each element's start line. */
export function readJsonDocument(text: string, fileName: string): { value: unknown; records?: SourceRecord[] } {
  if (text.trim() === "") fail(fileName, "file is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(fileName, `invalid JSON: ${jsonErrorDetail(error)}`, { line: lineAt(text, locateJsonError(text)) });
  }
  if (!Array.isArray(value)) return { value };
  const lines = elementLines(text);
  const records = value.map((element, index) => ({
    line: lines[index] ?? 1,
    index,
    value: element as unknown,
    fieldPrefix: `[${index}]`,
  }));
  return { value, records };
}
