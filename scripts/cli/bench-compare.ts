import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { forgetComparisons } from "@/lib/compare/cache";
import { loadComparedRuns, loadComparison } from "@/lib/compare/load";
import { comparisonCsv } from "@/lib/compare/service";
import { seedFinishedMcqRun, seedMcqSuite } from "@/lib/compare/test-fixtures";
import { type Database, openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { listComparisonItemsPage, listScoredRows } from "@/lib/db/queries/compare";
import { listRunItemsPage, listRunSubsets } from "@/lib/db/queries/run-items";
import { createRng } from "@/lib/scoring/random";
import { getRunView } from "@/lib/runner/run-view";

const ITEMS = 50_000;
const ROUNDS = 5;

/** A throwaway database on the PostgreSQL server at `serverUrl`, or an in-memory PGlite. */
async function openBenchDatabase(serverUrl: string | undefined): Promise<{ database: Database; engine: string; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const database = openDatabase({ pgliteDir: "memory://" });
    await migrateDatabase(database);
    return { database, engine: "PGlite (in process)", drop: () => database.close() };
  }
  const name = `chimed_bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    database,
    engine: "PostgreSQL",
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Median milliseconds of `rounds` calls after one warm-up call. */
async function timed(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * `npm run bench -- --compare`: two finished 50,000-item runs of one suite; server time of the first page of
 * the run page's items, of what the comparison page sends first (its runs and first page of items; the summary
 * streams in after), of the side by side (all, and "only where they differ"), of the whole comparison summary
 * (paired tests over every item, computed on a pair's first open and stored) and of a streamed CSV export. BENCH_DATABASE_URL (a
 * PostgreSQL server URL) runs it on PostgreSQL in a throwaway database; without it, on in-memory PGlite.
 */
export async function benchCompare(log: (line: string) => void): Promise<string> {
  const { database, engine, drop } = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
  try {
    const db = database.db;
    const rng = createRng(11);
    const seedStarted = performance.now();
    await seedMcqSuite(db, { suiteId: "bench-compare", items: ITEMS });
    const a = await seedFinishedMcqRun(db, { suiteId: "bench-compare", run: { model: "a", correct: Array.from({ length: ITEMS }, () => (rng() < 0.6 ? 1 : 0)) } });
    const b = await seedFinishedMcqRun(db, { suiteId: "bench-compare", run: { model: "b", correct: Array.from({ length: ITEMS }, () => (rng() < 0.65 ? 1 : 0)) } });
    // What autovacuum does on a live database: without statistics the planner would guess.
    await db.execute(sql`analyze`);
    log(`seeded 2 × ${ITEMS} items in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const runIds = [a, b];
    const rows: [string, number][] = [
      ["run page: view + first 50 items + subsets", await timed(() => Promise.all([getRunView(db, a), listRunItemsPage(db, { runId: a, limit: 50 }), listRunSubsets(db, { runId: a })]))],
      [
        // What /compare sends before the summary streams in: the runs checked and described, the first page, subsets.
        "comparison page, first open: runs + first 50 items + subsets",
        await timed(() =>
          Promise.all([loadComparedRuns(db, runIds, "en"), listComparisonItemsPage(db, { runIds, kind: "mcq", limit: 50 }), listRunSubsets(db, { runId: a })]),
        ),
      ],
      ["comparison: first 20 items (all)", await timed(() => listComparisonItemsPage(db, { runIds, kind: "mcq", limit: 20 }))],
      ["comparison: first 20 items (only where they differ)", await timed(() => listComparisonItemsPage(db, { runIds, kind: "mcq", filter: "differ", limit: 20 }))],
      ["comparison: page 1000 of 20 (A right, B wrong)", await timed(() => listComparisonItemsPage(db, { runIds, kind: "mcq", filter: "a_better", offset: 999 * 20, limit: 20 }))],
      [
        "comparison summary, first open: paired tests over every item",
        await timed(async () => {
          // Neither this process nor the database has seen the pair before.
          forgetComparisons();
          await db.execute(sql`delete from comparison_summaries`);
          return loadComparison(db, runIds, "en");
        }, 3),
      ],
      ["comparison summary, opened again (memoised)", await timed(() => loadComparison(db, runIds, "en"))],
      ["  of which reading both runs' scored rows", await timed(() => Promise.all(runIds.map((runId) => listScoredRows(db, { runId, withParsed: false }))), 3)],
      [
        "comparison CSV export, streamed (50,000 lines)",
        await timed(async () => {
          const data = await loadComparison(db, runIds, "en");
          if (!data.ok) throw new Error(data.code);
          let bytes = 0;
          for await (const chunk of comparisonCsv(db, data.data)) bytes += chunk.length;
          return bytes;
        }, 1),
      ],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    return [`Comparison bench, ${engine}, 2 runs × ${ITEMS} items (median server time)`, ...rows.map(([name, ms]) => `${name.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms`)].join("\n");
  } finally {
    await drop();
  }
}
