import type { FieldMapping } from "@/lib/suites/mapping/field-mapping";

/**
 * Mappings are remembered in the browser, per file shape (its sorted field names). They are a convenience of
 * whoever uploads, not data of the app: the mapping an import used is stored with the suite (config.importMapping).
 */
export interface RememberedMapping {
  kind: string;
  mapping: FieldMapping;
}

const key = (shapeKey: string) => `chimed:import-mapping:${shapeKey}`;

export function recallMapping(shapeKey: string): RememberedMapping | null {
  try {
    const raw = window.localStorage.getItem(key(shapeKey));
    const value = raw ? (JSON.parse(raw) as RememberedMapping) : null;
    return value && typeof value.kind === "string" && value.mapping && typeof value.mapping === "object" ? value : null;
  } catch {
    return null;
  }
}

export function rememberMapping(shapeKey: string, value: RememberedMapping): void {
  try {
    window.localStorage.setItem(key(shapeKey), JSON.stringify(value));
  } catch {
    // Private mode or a full storage: the mapping is simply not remembered.
  }
}
