import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { describeForLog } from "@/lib/db/errors";
import {
  deleteContaminationIndex,
  getContaminationIndex,
  insertContaminationIndex,
  listBuildingContaminationIndexes,
  markContaminationIndexFailed,
  markContaminationIndexReady,
} from "@/lib/db/queries/contamination";
import type { ContaminationIndex } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isProcessAlive, ownerPidOnHost, processOwnerId } from "@/lib/runner/owners";
import { failureSentence } from "./failure";
import { type BuildJob, type BuildOutcome, runBuildJob } from "./build-job";
import type { CorpusFormat } from "./corpus-reader";
import { buildOffThread } from "./off-thread";

export const DEFAULT_N = 13;
export const indexDir = (id: string) => path.join(env.CHIMED_CONTAMINATION_DIR, id);

// Kept on globalThis: each route of the production build may load its own copy of this module, and the process
// has one set of builds. `builder` names this process on the indexes it builds; `running` holds its builds.
const shared = globalThis as unknown as { chimedContamination?: { builder: string; running: Map<string, Promise<ContaminationIndex | null>> } };
shared.chimedContamination ??= { builder: processOwnerId("contam"), running: new Map() };
const { builder: BUILDER, running } = shared.chimedContamination;

interface CorpusToIndex {
  file: string;
  name: string;
  n?: number;
  format: CorpusFormat;
  memoryEntries?: number;
}

const emptyFigures = { documents: 0, characters: 0, fingerprints: 0, corpusBytes: 0, indexBytes: 0 };
const refusal = (message: string) => failureSentence("refused", message);

/** Indexes a corpus file already on this machine, in this thread (the command line), and records it ready. */
export async function indexCorpusFile(db: Db, { file, name, n = DEFAULT_N, format, memoryEntries }: CorpusToIndex): Promise<ContaminationIndex> {
  const id = randomUUID();
  const outcome = await runBuildJob({ file, dir: indexDir(id), n, format, memoryEntries });
  if (outcome.type === "refused") throw new AppError(refusal(outcome.message), 400, undefined, "bad_corpus");
  if (outcome.type === "error") throw new Error(outcome.message);
  return insertContaminationIndex(db, { id, name, n, ...outcome.figures });
}

/**
 * Records an index as building and builds it on the build thread (off the request thread); the corpus file is
 * deleted when the build ends. Answers the building row at once and, as `finished`, the row once ready or
 * failed (null if it was deleted meanwhile).
 */
export async function startIndexBuild(
  db: Db,
  { file, name, n = DEFAULT_N, format, memoryEntries }: CorpusToIndex,
): Promise<{ index: ContaminationIndex; finished: Promise<ContaminationIndex | null> }> {
  const id = randomUUID();
  const index = await insertContaminationIndex(db, { id, name, n, ...emptyFigures, status: "building", builder: BUILDER });
  const job: BuildJob = { file, dir: indexDir(id), n, format, memoryEntries };
  const finished = buildOffThread(job)
    .then((outcome) => recordOutcome(db, id, outcome))
    .catch((error) => {
      console.error(`[chimed] contamination index ${id}:`, describeForLog(error));
      return markContaminationIndexFailed(db, { id, kind: "unrecorded" }).catch(() => null);
    })
    .finally(() => {
      rmSync(file, { force: true });
      running.delete(id);
    });
  running.set(id, finished);
  return { index, finished };
}

async function recordOutcome(db: Db, id: string, outcome: BuildOutcome): Promise<ContaminationIndex | null> {
  if (outcome.type === "built") return markContaminationIndexReady(db, { id, figures: outcome.figures });
  // A refused corpus leaves no folder; a builder that died mid-way may.
  rmSync(indexDir(id), { recursive: true, force: true });
  return markContaminationIndexFailed(db, { id, kind: outcome.type === "refused" ? "refused" : "build", detail: outcome.message });
}

/**
 * Marks failed the builds a dead process left as building (a restart mid-build): those of this process's host
 * whose process is gone, or whose pid is this process's but which it did not start (a container restarted
 * with the same pid). Builds of other hosts are left: whether they live cannot be seen from here.
 */
export async function failAbandonedBuilds(db: Db, { host = hostname(), alive = isProcessAlive }: { host?: string; alive?: (pid: number) => boolean } = {}) {
  let failed = 0;
  for (const { id, builder } of await listBuildingContaminationIndexes(db)) {
    if (running.has(id)) continue;
    const pid = builder ? ownerPidOnHost(builder, host) : null;
    const abandoned = builder === null || (pid !== null && (pid === process.pid || !alive(pid)));
    if (!abandoned) continue;
    rmSync(indexDir(id), { recursive: true, force: true });
    if (await markContaminationIndexFailed(db, { id, kind: "abandoned" })) failed++;
  }
  return failed;
}

/** An index as the API shows it: which process builds it (host name and pid) stays on the server. */
export type PublicIndex = Omit<ContaminationIndex, "builder">;
export function publicIndex({ builder: _builder, ...index }: ContaminationIndex): PublicIndex {
  return index;
}

export async function requireIndex(db: Db, id: string): Promise<ContaminationIndex> {
  const index = await getContaminationIndex(db, { id });
  if (!index) throw new AppError("no contamination index with this id", 404, undefined, "not_found");
  return index;
}

/** An index that can be queried: 409 while it builds or after it failed. */
export async function requireReadyIndex(db: Db, id: string): Promise<ContaminationIndex> {
  const index = await requireIndex(db, id);
  if (index.status === "building") throw new AppError("this contamination index is still being built: try again when it is ready", 409, undefined, "index_building");
  if (index.status === "failed") throw new AppError(`this contamination index failed to build: ${failureSentence(index.errorKind, index.error)}`, 409, undefined, "index_failed");
  return index;
}

export async function removeIndex(db: Db, id: string): Promise<void> {
  if ((await requireIndex(db, id)).status === "building") throw new AppError("this contamination index is still being built: delete it when it is ready or has failed", 409, undefined, "index_building");
  if (!(await deleteContaminationIndex(db, { id }))) throw new AppError("no contamination index with this id", 404, undefined, "not_found");
  rmSync(indexDir(id), { recursive: true, force: true });
}
