/**
 * PostgreSQL stores neither U+0000 nor unpaired UTF-16 surrogates: a text column rejects the first, jsonb
 * rejects both (`\u0000`, `\ud800` escapes). Model answers and uploaded files may contain either, and a write
 * that fails on them fails again on every retry, so text is made storable before it reaches the database,
 * keeping what was said visible: NUL becomes ␀ (U+2400, "symbol for null"), a lone surrogate becomes U+FFFD.
 */
export const NUL_STANDIN = "\u2400";
export const REPLACEMENT = "\ufffd";

const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function safeText(text: string): string {
  return text.replace(UNSTORABLE, (c) => (c === "\0" ? NUL_STANDIN : REPLACEMENT));
}

export function safeTextOrNull(text: string | null | undefined): string | null {
  return text == null ? null : safeText(text);
}

// In JSON.stringify's output NUL is always the escape \u0000 and a lone surrogate always an escape (paired
// surrogates are written as they are), so only escapes need looking at; "\\\\" is matched too so that an
// escaped backslash followed by the letters "u0000" is left alone.
const UNSTORABLE_ESCAPE = /\\(?:\\|u0000|ud[89a-f][0-9a-f]{2})/gi;

/** Makes JSON text (JSON.stringify output) storable as jsonb. */
export function safeJsonText(json: string): string {
  if (!json.includes("\\u")) return json;
  return json.replace(UNSTORABLE_ESCAPE, (escape) =>
    escape === "\\\\" ? escape : escape === "\\u0000" ? NUL_STANDIN : REPLACEMENT,
  );
}

/** A deep copy of a JSON-like value with every string (keys too) made storable; the same value when nothing needs it. */
export function safeValue<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const safe = safeJsonText(json);
  return safe === json ? value : (JSON.parse(safe) as T);
}
