import type { TrainingLogPoint } from "@/lib/db/schema";
import type { TrainingLogFormat } from "@/lib/validation/series";

export type { TrainingLogFormat };
export const MAX_LOG_POINTS = 200_000;
export const MAX_LOG_METRICS = 50;
const MAX_METRIC_NAME = 100;

export interface ParsedTrainingLog {
  format: TrainingLogFormat;
  metrics: string[];
  points: TrainingLogPoint[];
}

/** A log that cannot be imported; `where` names the line (CSV/JSONL) or log_history entry, and the field. */
export class TrainingLogError extends Error {
  constructor(
    message: string,
    readonly where?: { line?: number; entry?: number; field?: string },
  ) {
    super(message);
  }
}

/** Collects points by step (a trainer logs training and evaluation values of one step in separate entries). */
class Collector {
  private byStep = new Map<number, Record<string, number>>();
  private names = new Set<string>();

  add(step: number, values: Record<string, number>, at: string) {
    for (const name of Object.keys(values)) {
      if (this.names.has(name)) continue;
      if (name.length > MAX_METRIC_NAME) throw new TrainingLogError(`${at}: a field name is longer than ${MAX_METRIC_NAME} characters`);
      if (this.names.size >= MAX_LOG_METRICS) throw new TrainingLogError(`${at}: more than ${MAX_LOG_METRICS} different fields`);
      this.names.add(name);
    }
    const known = this.byStep.get(step);
    if (known) Object.assign(known, values);
    else {
      if (this.byStep.size >= MAX_LOG_POINTS) throw new TrainingLogError(`${at}: more than ${MAX_LOG_POINTS} steps`);
      this.byStep.set(step, { ...values });
    }
  }

  result(format: TrainingLogFormat): ParsedTrainingLog {
    const points = [...this.byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, values]) => ({ step, values }));
    const metrics = [...this.names].filter((name) => points.some((p) => name in p.values));
    if (points.length === 0 || metrics.length === 0) throw new TrainingLogError("the log has no step with a numeric value");
    return { format, metrics, points };
  }
}

function stepOf(value: unknown, at: string, where: TrainingLogError["where"]): number {
  const step = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
    throw new TrainingLogError(`${at}, field "step": ${value === undefined ? "missing" : "not a whole number of 0 or more"}`, { ...where, field: "step" });
  }
  return step;
}

/** The numeric fields of one JSON record (HF log_history entry or JSONL line); step is the axis, not a value. */
function numericFields(record: Record<string, unknown>, at: string, where: TrainingLogError["where"]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [field, value] of Object.entries(record)) {
    if (field === "step" || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new TrainingLogError(`${at}, field "${field}": not a finite number`, { ...where, field });
    }
    values[field] = value;
  }
  return values;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function parseTrainerState(text: string): ParsedTrainingLog {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new TrainingLogError("not valid JSON: a trainer_state.json is one JSON object");
  }
  if (!isRecord(state) || !Array.isArray(state.log_history)) {
    throw new TrainingLogError('no "log_history" list: expected the trainer_state.json a Hugging Face Trainer writes', { field: "log_history" });
  }
  const out = new Collector();
  state.log_history.forEach((entry, i) => {
    const at = `log_history[${i}]`;
    if (!isRecord(entry)) throw new TrainingLogError(`${at}: not an object`, { entry: i });
    out.add(stepOf(entry.step, at, { entry: i }), numericFields(entry, at, { entry: i }), at);
  });
  return out.result("trainer_state");
}

function* lines(text: string): Generator<[number, string]> {
  let start = 0;
  let n = 1;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    if (line.trim() !== "") yield [n, line];
    start = end + 1;
    n++;
  }
}

export function parseJsonlLog(text: string): ParsedTrainingLog {
  const out = new Collector();
  for (const [n, line] of lines(text)) {
    const at = `line ${n}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new TrainingLogError(`${at}: not valid JSON`, { line: n });
    }
    if (!isRecord(record)) throw new TrainingLogError(`${at}: not a JSON object`, { line: n });
    out.add(stepOf(record.step, at, { line: n }), numericFields(record, at, { line: n }), at);
  }
  return out.result("jsonl");
}

/** One CSV line split on commas, with double-quoted fields ("" inside quotes is a quote). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") fields.push(field), (field = "");
    else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

export function parseCsvLog(text: string): ParsedTrainingLog {
  const out = new Collector();
  let header: string[] | null = null;
  let stepColumn = -1;
  for (const [n, line] of lines(text.replace(/^\uFEFF/, ""))) {
    const fields = csvFields(line);
    if (!header) {
      header = fields;
      stepColumn = header.indexOf("step");
      if (stepColumn < 0) throw new TrainingLogError(`line ${n}: the header has no "step" column`, { line: n, field: "step" });
      continue;
    }
    const at = `line ${n}`;
    if (fields.length !== header.length) {
      throw new TrainingLogError(`${at}: ${fields.length} fields where the header has ${header.length}`, { line: n });
    }
    const values: Record<string, number> = {};
    header.forEach((field, c) => {
      if (c === stepColumn || fields[c] === "") return;
      const value = Number(fields[c]);
      if (!Number.isFinite(value)) throw new TrainingLogError(`${at}, field "${field}": "${fields[c].slice(0, 40)}" is not a number`, { line: n, field });
      values[field] = value;
    });
    out.add(stepOf(fields[stepColumn], at, { line: n }), values, at);
  }
  if (!header) throw new TrainingLogError("the file is empty");
  return out.result("csv");
}

/** The format a file is in when the caller does not say: a JSON object with log_history, JSON lines, or CSV. */
export function detectLogFormat(text: string): TrainingLogFormat {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (!start.startsWith("{")) return "csv";
  const firstLine = start.slice(0, start.indexOf("\n") < 0 ? undefined : start.indexOf("\n"));
  try {
    const first = JSON.parse(firstLine);
    if (isRecord(first) && "step" in first) return "jsonl";
  } catch {}
  return "trainer_state";
}

export function parseTrainingLog(text: string, format?: TrainingLogFormat): ParsedTrainingLog {
  const chosen = format ?? detectLogFormat(text);
  if (chosen === "trainer_state") return parseTrainerState(text);
  if (chosen === "jsonl") return parseJsonlLog(text);
  return parseCsvLog(text);
}
