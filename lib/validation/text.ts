import { z } from "zod";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the database can store as is: no U+0000 (PostgreSQL refuses it) and no unpaired UTF-16 surrogate. */
export function storableText(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain the NUL character (U+0000)")
    .refine((s) => !loneSurrogate.test(s), "must not contain an unpaired surrogate (invalid UTF-16)");
}

/** A short name shown in lists: trimmed, 1 to `max` characters, storable. */
export function nameText(max = 120) {
  return z.string().trim().min(1).pipe(storableText(max));
}
