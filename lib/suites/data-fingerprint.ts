import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * A fingerprint of every file under the given folders: relative path, size and modification time. Reading the
 * bundled datasets, parsing and hashing them takes seconds; this takes milliseconds and changes whenever a
 * file is added, removed, rewritten or touched. A folder that does not exist contributes nothing.
 */
export async function filesFingerprint(folders: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const folder of folders) {
    hash.update(`\u0000${folder}\u0000`);
    for (const file of await listFiles(folder)) {
      const info = await stat(file);
      hash.update(`${path.relative(folder, file)}\u0001${info.size}\u0001${Math.trunc(info.mtimeMs)}\n`);
    }
  }
  return hash.digest("hex");
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}
