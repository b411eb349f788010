/**
 * Cuts text to `max` characters (never inside a surrogate pair), saying how much was left out; with
 * `note: false` only an ellipsis marks the cut, for pages in either language (a shared page's answers).
 */
export function clip(text: string, max: number, { note = true }: { note?: boolean } = {}): string {
  if (text.length <= max) return text;
  // A high surrogate as the last kept unit would leave half a character.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return note ? `${text.slice(0, end)}… (${text.length - end} more characters)` : `${text.slice(0, end)}…`;
}
