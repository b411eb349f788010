import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { clip } from "@/lib/clip";
import type { SuiteDefinition } from "@/lib/suites/types";
import type { Db } from "../client";
import { safeValue } from "../safe-text";
import { runItems, runs, suiteItems, suites } from "../schema";

const INSERT_CHUNK = 500;

export type SaveSuiteResult = "created" | "unchanged" | "replaced";

/**
 * Stores a validated suite and its items in one transaction: either everything lands or nothing does.
 * A suite whose content changed is replaced only while no run refers to it, so results never point at
 * items that were silently rewritten.
 */
export async function saveSuite(
  db: Db,
  { suite, version, bundled }: { suite: SuiteDefinition; version: string; bundled: boolean },
): Promise<SaveSuiteResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ version: suites.version }).from(suites).where(eq(suites.id, suite.id));
    if (existing?.version === version) return "unchanged";
    if (existing) {
      const [{ n }] = await tx.select({ n: count() }).from(runs).where(eq(runs.suiteId, suite.id));
      if (n > 0) {
        throw new Error(`suite "${suite.id}" already has ${n} run(s); import the new content under another id`);
      }
      await tx.delete(suites).where(eq(suites.id, suite.id));
    }
    const testCount = suite.items.filter((i) => i.split === "test").length;
    // Uploaded text may hold NUL or lone surrogates, which PostgreSQL refuses (safe-text.ts).
    await tx.insert(suites).values(safeValue({
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
    }));
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
    return existing ? "replaced" : "created";
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
  const where = and(eq(suiteItems.suiteId, suiteId), eq(suiteItems.split, split));
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
    .where(eq(suiteItems.suiteId, suiteId))
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
    .where(and(eq(suiteItems.suiteId, suiteId), eq(suiteItems.split, split)))
    .orderBy(asc(suiteItems.position));
}
