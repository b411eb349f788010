import { and, asc, count, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { clip } from "@/lib/clip";
import type { SuiteDefinition } from "@/lib/suites/types";
import type { Db } from "../client";
import { safeValue } from "../safe-text";
import { runItems, runs, suiteItems, suites } from "../schema";

const INSERT_CHUNK = 500;

export type SaveSuiteResult = "created" | "unchanged" | "replaced";
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Only the current version's items: a replaced version's items live on, retired, for the runs that used them. */
const current = isNull(suiteItems.retiredAt);

/**
 * Stores a validated suite and its items in one transaction: either everything lands or nothing does.
 * A suite whose content changed is replaced outright while no run refers to it. With runs, bundled content
 * is refused (results must never point at items that were silently rewritten); an uploaded suite given
 * `keepRunItems` gets the new version while the items its runs used are kept, retired.
 */
export async function saveSuite(
  db: Db,
  { suite, version, bundled, keepRunItems = false }: { suite: SuiteDefinition; version: string; bundled: boolean; keepRunItems?: boolean },
): Promise<SaveSuiteResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ version: suites.version }).from(suites).where(eq(suites.id, suite.id));
    if (existing?.version === version) return "unchanged";
    const row = suiteRow(suite, version, bundled);
    if (existing) {
      const [{ n }] = await tx.select({ n: count() }).from(runs).where(eq(runs.suiteId, suite.id));
      if (n > 0 && !keepRunItems) {
        throw new Error(`suite "${suite.id}" already has ${n} run(s); import the new content under another id`);
      }
      if (n > 0) await retireItems(tx, suite.id);
      else await tx.delete(suiteItems).where(eq(suiteItems.suiteId, suite.id));
      const { id: _id, ...changes } = row;
      await tx.update(suites).set(safeValue(changes)).where(eq(suites.id, suite.id));
    } else {
      // Uploaded text may hold NUL or lone surrogates, which PostgreSQL refuses (safe-text.ts).
      await tx.insert(suites).values(safeValue(row));
    }
    await insertItems(tx, suite);
    return existing ? "replaced" : "created";
  });
}

function suiteRow(suite: SuiteDefinition, version: string, bundled: boolean) {
  const testCount = suite.items.filter((i) => i.split === "test").length;
  return {
    id: suite.id,
    name: suite.name,
    description: suite.description ?? null,
    taskKind: suite.taskKind,
    licence: suite.licence,
    source: suite.source,
    citation: suite.citation ?? null,
    config: suite.config,
    version,
    testCount,
    devCount: suite.items.length - testCount,
    bundled,
  };
}

/** Items no run used are deleted; the others stay readable from their runs but leave the suite. */
async function retireItems(tx: Tx, suiteId: string) {
  const used = tx.selectDistinct({ id: runItems.itemId }).from(runItems).innerJoin(runs, eq(runs.id, runItems.runId)).where(eq(runs.suiteId, suiteId));
  await tx.delete(suiteItems).where(and(eq(suiteItems.suiteId, suiteId), current, notInArray(suiteItems.id, used)));
  await tx.update(suiteItems).set({ retiredAt: sql`now()` }).where(and(eq(suiteItems.suiteId, suiteId), current));
}

async function insertItems(tx: Tx, suite: SuiteDefinition) {
  for (let start = 0; start < suite.items.length; start += INSERT_CHUNK) {
      const chunk = suite.items.slice(start, start + INSERT_CHUNK).map((item, i) => ({
        suiteId: suite.id,
        externalId: item.externalId,
        position: start + i,
        split: item.split,
        subset: item.subset ?? null,
        input: item.input,
        gold: item.gold,
      }));
      await tx.insert(suiteItems).values(safeValue(chunk));
  }
}

/** Renames an uploaded suite; bundled suites keep their names. Returns false when there is no such uploaded suite. */
export async function renameUserSuite(db: Db, { id, name }: { id: string; name: { en: string; zh: string } }) {
  const rows = await db.update(suites).set({ name }).where(and(eq(suites.id, id), eq(suites.bundled, false))).returning({ id: suites.id });
  return rows.length > 0;
}

/** Deletes an uploaded suite with its items and its runs; returns how many runs went with it, or null if none was deleted. */
export async function deleteUserSuite(db: Db, { id }: { id: string }) {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(runs).where(eq(runs.suiteId, id));
    const rows = await tx.delete(suites).where(and(eq(suites.id, id), eq(suites.bundled, false))).returning({ id: suites.id });
    return rows.length > 0 ? { runs: n } : null;
  });
}

// Lists show every suite to everyone: an uploaded suite's long name or description is cut there (its page has it whole).
const LIST_TEXT_CHARS = 300;

function clipLocalized<T>(value: T): T {
  if (typeof value === "string") return clip(value, LIST_TEXT_CHARS) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? clip(v, LIST_TEXT_CHARS) : v])) as T;
}

export async function listSuites(db: Db) {
  const rows = await db.select().from(suites).orderBy(asc(suites.taskKind), asc(suites.id));
  return rows.map((row) => ({
    ...row,
    name: clipLocalized(row.name),
    description: clipLocalized(row.description),
    licence: clip(row.licence, LIST_TEXT_CHARS),
    source: clip(row.source, LIST_TEXT_CHARS),
    citation: row.citation === null ? null : clip(row.citation, LIST_TEXT_CHARS),
  }));
}

export async function getSuite(db: Db, { id }: { id: string }) {
  const [row] = await db.select().from(suites).where(eq(suites.id, id)).limit(1);
  return row ?? null;
}

export async function listSuiteItems(
  db: Db,
  { suiteId, split = "test", offset = 0, limit = 20 }: { suiteId: string; split?: string; offset?: number; limit?: number },
) {
  const where = and(eq(suiteItems.suiteId, suiteId), eq(suiteItems.split, split), current);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(suiteItems).where(where).orderBy(asc(suiteItems.position)).offset(offset).limit(limit),
    db.select({ total: count() }).from(suiteItems).where(where),
  ]);
  return { rows, total };
}

export async function countSuiteItemsBySubset(db: Db, { suiteId }: { suiteId: string }) {
  return db
    .select({ subset: suiteItems.subset, split: suiteItems.split, n: sql<number>`count(*)::int` })
    .from(suiteItems)
    .where(and(eq(suiteItems.suiteId, suiteId), current))
    .groupBy(suiteItems.subset, suiteItems.split)
    .orderBy(asc(suiteItems.subset));
}

/** The suite items a run evaluates, in suite order. */
export async function listItemsOfRun(db: Db, { runId }: { runId: string }) {
  return db
    .select()
    .from(suiteItems)
    .where(inArray(suiteItems.id, db.selectDistinct({ id: runItems.itemId }).from(runItems).where(eq(runItems.runId, runId))))
    .orderBy(asc(suiteItems.position));
}

export async function listAllSuiteItems(db: Db, { suiteId, split }: { suiteId: string; split: string }) {
  return db
    .select()
    .from(suiteItems)
    .where(and(eq(suiteItems.suiteId, suiteId), eq(suiteItems.split, split), current))
    .orderBy(asc(suiteItems.position));
}

/** The test items a run may evaluate (id and subset, in suite order), optionally only those of some subsets. */
export async function listRunCandidates(db: Db, { suiteId, subsets }: { suiteId: string; subsets?: string[] | null }) {
  const where = [eq(suiteItems.suiteId, suiteId), eq(suiteItems.split, "test"), current];
  if (subsets?.length) where.push(inArray(suiteItems.subset, subsets));
  return db
    .select({ id: suiteItems.id, subset: suiteItems.subset })
    .from(suiteItems)
    .where(and(...where))
    .orderBy(asc(suiteItems.position));
}

export async function getSuiteItemById(db: Db, { id }: { id: string }) {
  const [row] = await db.select().from(suiteItems).where(eq(suiteItems.id, id)).limit(1);
  return row ?? null;
}
