import { z } from "zod";
import { isPlainObject } from "../importers/records";
import type { TaskKind } from "../types";

/** Fields of the upload format, per task kind, that a mapping can fill from a file's own field names. */
export const mappableFields = {
  mcq: ["question", "options", "answer", "subject"],
  ner: ["text", "entities"],
  open_qa: ["question", "answer", "context"],
  dialogue: ["history", "turns", "reference"],
  instruction: ["prompt", "target", "subset"],
  reward: ["prompt", "chosen", "rejected", "category"],
  perplexity: ["text", "subset"],
} as const satisfies Record<Exclude<TaskKind, "scale">, readonly string[]>;
export const commonMappableFields = ["id", "split"] as const;
export const entityFields = ["text", "type", "start", "end"] as const;

const name = z.string().trim().min(1).max(200);

/**
 * How a file's fields become the upload format: `fields` maps a target field to the file's field (an unmapped
 * target reads the field of the same name, so an empty mapping is today's format). For NER, `entity` names the
 * fields inside each entity object, `endIndex` says whether `end` points at the mention's last character
 * (CMeEE: "inclusive") or one past it ("exclusive", the default), and `typeLabels` gives each type code the name the prompt uses (dis → 疾病).
 */
export const fieldMappingSchema = z.object({
  preset: z.string().max(40).optional(),
  fields: z.record(z.string().max(40), name).default({}),
  entity: z.partialRecord(z.enum(entityFields), name).optional(),
  endIndex: z.enum(["inclusive", "exclusive"]).optional(),
  typeLabels: z.record(z.string().max(100), z.string().trim().min(1).max(100)).optional(),
  /** instruction: the target is a list joined by this delimiter (scored also as a set). */
  listDelimiter: z.string().min(1).max(10).optional(),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

const OPTION_LINE = /^\s*([A-Za-z])\s*[.、．:：)）]?\s*(.*)$/;

/** CMExam writes options as one text: "A 肝硬化\nB 肝癌…"; an array lists them in order. */
function optionsFrom(value: unknown): Record<string, unknown> | undefined {
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.trim().toUpperCase(), v]));
  }
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String.fromCharCode(65 + i), v]));
  if (typeof value !== "string") return undefined;
  const out: Record<string, string> = {};
  for (const line of value.split(/\r?\n/)) {
    const m = OPTION_LINE.exec(line);
    if (m && line.trim() !== "") out[m[1].toUpperCase()] = m[2].trim();
  }
  return out;
}

function toIndex(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** One entity object in the upload format `{text, type, offset}`; the mention is cut from the text when absent. */
function mapEntity(source: unknown, text: unknown, mapping: FieldMapping): unknown {
  if (!isPlainObject(source)) return source;
  const f = { text: "text", type: "type", start: "offset", end: "end", ...mapping.entity };
  const start = toIndex(source[f.start]);
  const end = toIndex(source[f.end]);
  let mention = source[f.text];
  if ((mention === undefined || mention === "") && typeof text === "string" && start !== undefined && end !== undefined) {
    mention = text.slice(start, mapping.endIndex === "inclusive" ? end + 1 : end);
  }
  const out: Record<string, unknown> = { text: mention, type: source[f.type] };
  if (source[f.start] !== undefined) out.offset = source[f.start];
  return out;
}

/**
 * Applies a mapping to one record. The mapped fields replace their sources; the file's other fields are kept,
 * so the importer still warns about fields nobody used. Pure: the validated importers check the result.
 */
export function applyFieldMapping(kind: TaskKind, record: unknown, mapping: FieldMapping): unknown {
  if (!isPlainObject(record)) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [target, source] of Object.entries(mapping.fields)) {
    if (target !== source) delete out[source];
  }
  for (const [target, source] of Object.entries(mapping.fields)) {
    if (source in record) out[target] = record[source];
    else delete out[target];
  }
  if (kind === "mcq" && "options" in out) {
    const options = optionsFrom(out.options);
    delete out.options;
    if (options) Object.assign(out, options);
  }
  if (kind === "open_qa" && Array.isArray(out.answer)) {
    out.references = out.answer;
    delete out.answer;
  }
  if (kind === "ner" && Array.isArray(out.entities)) {
    out.entities = out.entities.map((e) => mapEntity(e, out.text, mapping));
  }
  if (kind === "instruction" && typeof out.target !== "string" && out.target !== undefined) {
    out.target = Array.isArray(out.target) ? out.target.map(String).join(mapping.listDelimiter ?? "\n") : out.target;
  }
  return out;
}

/**
 * Which end convention the spans follow: the one under which more mentions equal the text they point at
 * (null when the entities carry no mention text or no span to check against).
 */
export function detectEndIndex(
  records: readonly unknown[],
  mapping: Pick<FieldMapping, "fields" | "entity">,
): "inclusive" | "exclusive" | null {
  const f = { text: "text", type: "type", start: "offset", end: "end", ...mapping.entity };
  const textField = mapping.fields.text ?? "text";
  const entitiesField = mapping.fields.entities ?? "entities";
  let inclusive = 0;
  let exclusive = 0;
  for (const record of records) {
    if (!isPlainObject(record) || typeof record[textField] !== "string" || !Array.isArray(record[entitiesField])) continue;
    const text = record[textField] as string;
    for (const e of record[entitiesField] as unknown[]) {
      if (!isPlainObject(e) || typeof e[f.text] !== "string") continue;
      const start = toIndex(e[f.start]);
      const end = toIndex(e[f.end]);
      if (start === undefined || end === undefined) continue;
      if (text.slice(start, end + 1) === e[f.text]) inclusive++;
      if (text.slice(start, end) === e[f.text]) exclusive++;
    }
  }
  if (inclusive === exclusive) return null;
  return inclusive > exclusive ? "inclusive" : "exclusive";
}
