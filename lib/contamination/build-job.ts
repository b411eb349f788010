import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { type CorpusFormat, CorpusFormatError, readCorpus } from "./corpus-reader";
import { buildIndex } from "./index-build";

export interface BuildJob {
  file: string;
  dir: string;
  n: number;
  format: CorpusFormat;
  memoryEntries?: number;
}

/** What the record of a built index stores. */
export interface BuildFigures {
  documents: number;
  characters: number;
  fingerprints: number;
  corpusBytes: number;
  indexBytes: number;
}

/** The outcome as the worker posts it: a refused corpus is told apart from a crash so the route can name the line. */
export type BuildOutcome = { type: "built"; figures: BuildFigures } | { type: "refused"; message: string } | { type: "error"; message: string };

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

/** Indexes a corpus file into `dir` (removed again when the build fails). Runs on the build thread or in place. */
export async function runBuildJob(job: BuildJob): Promise<BuildOutcome> {
  let bytes = 0;
  try {
    const events = readCorpus(job.file, { format: job.format, onBytes: (b) => (bytes += b) });
    const meta = await buildIndex(events, { dir: job.dir, n: job.n, memoryEntries: job.memoryEntries, bytesRead: () => bytes });
    const { documents, characters, fingerprints } = meta;
    return { type: "built", figures: { documents, characters, fingerprints, corpusBytes: meta.bytes, indexBytes: folderBytes(job.dir) } };
  } catch (error) {
    rmSync(job.dir, { recursive: true, force: true });
    if (error instanceof CorpusFormatError) return { type: "refused", message: error.message };
    return { type: "error", message: error instanceof Error ? error.message : String(error) };
  }
}
