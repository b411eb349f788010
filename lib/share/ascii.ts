/**
 * The Open Graph image is drawn with the one font bundled with next/og (Latin only; no CJK font file that its
 * renderer can read ships here): text outside printable ASCII would come out as boxes, so it is dropped.
 */
export function asciiLabel(text: string, max = 60): string {
  const ascii = text.replace(/[^\x20-\x7e]+/g, " ").replace(/\s+/g, " ").trim();
  return ascii.length > max ? `${ascii.slice(0, max - 1)}…` : ascii;
}
