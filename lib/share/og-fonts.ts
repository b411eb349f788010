import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Chinese labels on the Open Graph image. next/og's renderer reads TTF, OTF and WOFF (not WOFF2, not the
 * system's .ttc), so the font is Noto Sans SC from @fontsource/noto-sans-sc (SIL Open Font License 1.1), which
 * ships the font cut into ~100 WOFF files by Unicode range: only those covering the label's characters are read.
 * Nothing is fetched; a character no file covers is dropped from the label.
 */
export const OG_FONT_FAMILY = "Noto Sans SC";
const PACKAGE_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans-sc");

/** What next/og's own Latin font draws: printable ASCII (other characters dropped). */
export const asciiOnly = (text: string) => text.replace(/[^\x20-\x7e]+/g, " ").replace(/\s+/g, " ").trim();

export interface FontSubset {
  file: string;
  ranges: [number, number][];
}

/** The regular-weight faces of a fontsource stylesheet: each WOFF file with the code points it covers. */
export function parseSubsets(css: string): FontSubset[] {
  const out: FontSubset[] = [];
  for (const block of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([\w.-]+\.woff)\) format\('woff'\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(",").map((part): [number, number] => {
      const [low, high] = part.trim().replace(/^U\+/i, "").split("-");
      return [parseInt(low, 16), parseInt(high ?? low, 16)];
    });
    out.push({ file, ranges });
  }
  return out;
}

const covers = (subset: FontSubset, code: number) => subset.ranges.some(([low, high]) => code >= low && code <= high);

/** The subsets that cover the text's characters (each once, in stylesheet order) and the characters none covers. */
export function subsetsFor(subsets: readonly FontSubset[], text: string): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const char of new Set(text)) {
    const found = subsets.find((subset) => covers(subset, char.codePointAt(0)!));
    if (found) files.add(found.file);
    else missing.push(char);
  }
  return { files: subsets.filter((s) => files.has(s.file)).map((s) => s.file), missing };
}

let subsetsCache: FontSubset[] | null = null;
const fileCache = new Map<string, ArrayBuffer>();

function installedSubsets(): FontSubset[] {
  if (subsetsCache) return subsetsCache;
  try {
    subsetsCache = parseSubsets(readFileSync(path.join(PACKAGE_DIR, "400.css"), "utf8"));
  } catch {
    subsetsCache = [];
  }
  return subsetsCache;
}

function readSubset(file: string): ArrayBuffer {
  let data = fileCache.get(file);
  if (!data) {
    const bytes = readFileSync(path.join(PACKAGE_DIR, "files", file));
    data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    fileCache.set(file, data);
  }
  return data;
}

/**
 * The fonts for an image showing `labels`, and the labels with any character no installed font covers removed.
 * Without the package every label falls back to printable ASCII, which next/og's own font draws.
 */
export function ogFonts(labels: string[]): {
  fonts: { name: string; data: ArrayBuffer; weight: 400; style: "normal" }[];
  /** The CSS font-family naming every subset: the renderer keeps one font per name and falls back along the list. */
  family: string;
  keep: (text: string) => string;
} {
  const subsets = installedSubsets();
  if (subsets.length === 0) return { fonts: [], family: "sans-serif", keep: asciiOnly };
  const { files, missing } = subsetsFor(subsets, labels.join(""));
  const dropped = new Set(missing);
  const fonts = files.map((file, i) => ({ name: `${OG_FONT_FAMILY} ${i}`, data: readSubset(file), weight: 400 as const, style: "normal" as const }));
  return {
    fonts,
    family: fonts.map((font) => `"${font.name}"`).join(", "),
    keep: (text) => [...text].filter((char) => !dropped.has(char)).join("").replace(/\s+/g, " ").trim(),
  };
}
