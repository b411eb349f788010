/**
 * The text both sides are compared in: NFKC (full-width letters, digits and punctuation become their ASCII
 * forms), lower case, and no whitespace at all. Chinese has no spaces between words, so a line break or a
 * hard wrap inside a sentence must not hide an overlap; English words then run together, the same way on both
 * sides.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

const TRAILING_MARKS = /\P{M}\p{M}*$/u;

/**
 * Normalises text that arrives in pieces: NFKC may compose a character with combining marks that come in the
 * next piece, so the last character and its marks wait for the next piece (or the end).
 */
export class StreamingNormalizer {
  private carry = "";

  push(piece: string): string {
    const text = this.carry + piece;
    const tail = TRAILING_MARKS.exec(text);
    const cut = tail ? tail.index : text.length;
    this.carry = text.slice(cut);
    return normalizeText(text.slice(0, cut));
  }

  end(): string {
    const rest = normalizeText(this.carry);
    this.carry = "";
    return rest;
  }
}
