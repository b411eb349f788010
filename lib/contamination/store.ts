import { randomUUID } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { deleteContaminationIndex, getContaminationIndex, insertContaminationIndex } from "@/lib/db/queries/contamination";
import type { ContaminationIndex } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type CorpusFormat, CorpusFormatError, readCorpus } from "./corpus-reader";
import { buildIndex } from "./index-build";

export const DEFAULT_N = 13;
export const indexDir = (id: string) => path.join(env.CHIMED_CONTAMINATION_DIR, id);

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

/** Indexes a corpus file already on this machine and records it; the corpus itself is not kept. */
export async function indexCorpusFile(
  db: Db,
  { file, name, n = DEFAULT_N, format, memoryEntries }: { file: string; name: string; n?: number; format: CorpusFormat; memoryEntries?: number },
): Promise<ContaminationIndex> {
  const id = randomUUID();
  const dir = indexDir(id);
  let bytes = 0;
  try {
    const meta = await buildIndex(readCorpus(file, { format, onBytes: (b) => (bytes += b) }), { dir, n, memoryEntries, bytesRead: () => bytes });
    return await insertContaminationIndex(db, {
      id,
      name,
      n,
      documents: meta.documents,
      characters: meta.characters,
      fingerprints: meta.fingerprints,
      corpusBytes: meta.bytes,
      indexBytes: folderBytes(dir),
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof CorpusFormatError) throw new AppError(`corpus refused: ${error.message}`, 400, undefined, "bad_corpus");
    throw error;
  }
}

export async function requireIndex(db: Db, id: string): Promise<ContaminationIndex> {
  const index = await getContaminationIndex(db, { id });
  if (!index) throw new AppError("no contamination index with this id", 404, undefined, "not_found");
  return index;
}

export async function removeIndex(db: Db, id: string): Promise<void> {
  if (!(await deleteContaminationIndex(db, { id }))) throw new AppError("no contamination index with this id", 404, undefined, "not_found");
  rmSync(indexDir(id), { recursive: true, force: true });
}
