import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The lower floors of lib/ and what each may import. Pure definitions (suites) sit under scoring and request
 * schemas (validation); the task registry joins them; the database layer stores what they define. Folders
 * not listed here (runner, leaderboard, http…) sit above and may import any of these.
 */
const foundation = ["errors", "clip", "env", "format-bytes", "free-port", "secrets", "random", "run-status", "i18n"];
const allowed: Record<string, readonly string[]> = {
  suites: [...foundation],
  scoring: [...foundation, "suites"],
  validation: [...foundation, "suites"],
  tasks: [...foundation, "suites", "scoring", "validation", "providers/types"],
  db: [...foundation, "suites", "scoring", "validation", "tasks"],
};

const IMPORT = /(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.parentPath.includes("__fixtures__"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The lib/ target of an import, as "folder" or "folder/file" (for "providers/types"), or null when not in lib/. */
function libTarget(from: string, spec: string): string | null {
  let resolved: string;
  if (spec.startsWith("@/lib/")) resolved = spec.slice("@/lib/".length);
  else if (spec.startsWith(".")) {
    const abs = path.relative("lib", path.join(path.dirname(from), spec));
    if (abs.startsWith("..")) return null;
    resolved = abs.split(path.sep).join("/");
  } else return null;
  return resolved;
}

export function upwardImports(folder: string, files: readonly string[]): string[] {
  const rules = allowed[folder];
  const bad: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = libTarget(file, m[1] ?? m[2]);
      if (!target) continue;
      const top = target.split("/")[0].replace(/\.tsx?$/, "");
      if (top === folder) continue;
      const ok = rules.some((rule) => rule === top || target === rule || target.startsWith(`${rule}.`));
      if (!ok) bad.push(`${file} imports ${target}`);
    }
  }
  return bad;
}

describe("lib/ layers: no import runs up the floors", () => {
  it.each(Object.keys(allowed))("lib/%s imports only the floors below it", (folder) => {
    const files = sourceFiles(path.join("lib", folder));
    expect(files.length).toBeGreaterThan(0);
    expect(upwardImports(folder, files)).toEqual([]);
  });

  it("sees an upward import, relative or aliased", () => {
    const files = sourceFiles("lib/suites");
    expect(upwardImports("suites", files)).toEqual([]);
    const scan = (text: string) => [...text.matchAll(IMPORT)].map((m) => libTarget("lib/suites/x.ts", m[1] ?? m[2]));
    expect(scan('import { a } from "@/lib/db/client";\nimport type { B } from "../scoring/likert";')).toEqual([
      "db/client",
      "scoring/likert",
    ]);
  });
});
