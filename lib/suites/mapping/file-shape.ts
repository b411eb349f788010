import { isPlainObject } from "../importers/records";

/** How many records are looked at to describe a file's fields. */
const SAMPLE_RECORDS = 200;
const SAMPLE_CHARS = 80;

export interface FieldInfo {
  name: string;
  /** The first non-empty value, shortened, as text. */
  sample: string;
  kind: "text" | "number" | "list" | "object" | "other";
  /** For a list of objects (NER entities): the fields of its objects. */
  itemFields?: string[];
}

export interface FileShape {
  /** The sorted field names: the key under which a mapping is remembered. */
  key: string;
  fields: FieldInfo[];
}

function kindOf(value: unknown): FieldInfo["kind"] {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "number";
  if (Array.isArray(value)) return "list";
  return isPlainObject(value) ? "object" : "other";
}

function sampleOf(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** The fields a file's records use, in order of first appearance, with a sample value of each. */
export function describeFileShape(records: readonly unknown[]): FileShape {
  const fields = new Map<string, FieldInfo>();
  const itemFields = new Map<string, Set<string>>();
  for (const record of records.slice(0, SAMPLE_RECORDS)) {
    if (!isPlainObject(record)) continue;
    for (const [name, value] of Object.entries(record)) {
      const info = fields.get(name) ?? { name, sample: "", kind: kindOf(value) };
      if (info.sample === "" && !isEmpty(value)) Object.assign(info, { sample: sampleOf(value), kind: kindOf(value) });
      fields.set(name, info);
      if (Array.isArray(value)) {
        const set = itemFields.get(name) ?? new Set<string>();
        for (const element of value) if (isPlainObject(element)) for (const k of Object.keys(element)) set.add(k);
        itemFields.set(name, set);
      }
    }
  }
  for (const [name, set] of itemFields) if (set.size > 0) fields.get(name)!.itemFields = [...set];
  const list = [...fields.values()];
  return { key: shapeKey(list.map((f) => f.name)), fields: list };
}

export function shapeKey(names: readonly string[]): string {
  return [...new Set(names)].sort().join(",");
}
