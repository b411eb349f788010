import { fail } from "./importers/errors";

const NOT_TEXT = "file is not UTF-8 or GB18030 text";

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM keeps a leading U+FEFF so the caller strips it once for every encoding.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * GB18030 maps almost any byte sequence to some character, so a clean decode proves little. Real
 * Chinese text stays almost entirely inside GB2312 (punctuation rows A1-A9, hanzi rows B0-F7),
 * which holds under a third of the double-byte code space that random bytes spread over.
 */
function looksLikeGbText(bytes: Uint8Array): boolean {
  let multi = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x80) continue;
    multi++;
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x30 && next <= 0x39) {
      i += 3;
      continue;
    }
    if (next >= 0xa1 && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7))) common++;
    i++;
  }
  return multi > 0 && common / multi >= 0.6;
}

/** NUL never occurs in text files; other C0 controls only rarely. */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > Math.max(2, text.length / 100);
}

function decodeRaw(bytes: Uint8Array, fileName: string): string {
  if (startsWith(bytes, [0xff, 0xfe])) return tryDecode("utf-16le", bytes) ?? fail(fileName, NOT_TEXT);
  if (startsWith(bytes, [0xfe, 0xff])) return tryDecode("utf-16be", bytes) ?? fail(fileName, NOT_TEXT);
  const utf8 = tryDecode("utf-8", bytes);
  if (utf8 !== undefined) return utf8;
  const gb = tryDecode("gb18030", bytes);
  if (gb !== undefined && looksLikeGbText(bytes)) return gb;
  return fail(fileName, NOT_TEXT);
}

/** Decodes an uploaded or bundled file to a string with "\n" line ends and no BOM. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  const text = decodeRaw(bytes, fileName).replace(/^\ufeff/, "");
  if (looksBinary(text)) fail(fileName, NOT_TEXT);
  return text.replace(/\r\n?/g, "\n");
}
