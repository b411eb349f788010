import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems, finishRun } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { exportRun } from "@/lib/export/run-export";
import { createShare, resolveShareToken } from "@/lib/share/links";
import { projectShare } from "@/lib/share/projection";
import { writeChunks } from "./write-chunks";
import { resolveSettings } from "@/lib/tasks/settings";

const ITEMS = 50_000;

function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function timeMany(rounds: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** A finished run of 50,000 items (answers, parses and scores filled in by SQL), on the database given or PGlite in memory. */
async function seedLargeRun(database: Database) {
  const { db } = database;
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    subset: `科目${i % 20}`,
    input: { question: `问题 ${i}：下列哪一项正确？`, options: { A: "甲", B: "乙", C: "丙", D: "丁" } },
    gold: { answer: "A" },
  }));
  await saveSuite(db, { suite: { id: "bench-share", name: { en: "Bench", zh: "基准" }, taskKind: "mcq", licence: "CC0", source: "bench", config: {}, items }, version: "bench-v1", bundled: false });
  const model = await createModel(db, { name: `bench-share-${process.pid}`, provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
  const run = (await createRunWithItems(db, {
    modelId: model.id, suiteId: "bench-share", suiteVersion: "bench-v1", settings: resolveSettings("mcq", { seed: 1 }), configHash: "bench",
    itemIds: (await listRunCandidates(db, { suiteId: "bench-share" })).map((c) => c.id), suiteItemCount: ITEMS, samples: 1,
  }))!;
  await db.execute(sql`update run_items set status = 'done', outcome = 'scored', raw_response = '答案是 A。因为……',
    parsed = '{"letter":"A","rule":"first-letter"}'::jsonb, scores = jsonb_build_object('correct', (id % 2)::float),
    messages = '[{"role":"user","content":"问题：下列哪一项正确？ A. 甲 B. 乙 C. 丙 D. 丁 答案："}]'::jsonb
    where run_id = ${run.id}`);
  await finishRun(db, { id: run.id, status: "completed", metrics: { accuracy: 0.5 }, ci: { accuracy: [0.495, 0.505] }, summary: { items: ITEMS, done: ITEMS, errors: 0 } });
  return run.id;
}

/** Streams `chunks` into a sink that counts bytes, sampling the heap: what a download of the export costs the server. */
async function measureExport(chunks: AsyncIterable<string>) {
  let bytes = 0;
  let peakHeap = process.memoryUsage().heapUsed;
  const baseHeap = peakHeap;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      done();
    },
  });
  const started = performance.now();
  await writeChunks(chunks, undefined, sink);
  return { ms: performance.now() - started, bytes, heapGrowthMb: (peakHeap - baseHeap) / 2 ** 20 };
}

/** `npm run bench -- --share`: the shared page's server work and a 50,000-item export, as a table. */
export async function runShareBench(log: (line: string) => void, url?: string): Promise<string> {
  const database = openDatabase(url ? { url } : { pgliteDir: "memory://" });
  try {
    await migrateDatabase(database);
    log(`seeding a finished run of ${ITEMS.toLocaleString("en")} items on ${database.engine}…`);
    const runId = await seedLargeRun(database);
    const { db } = database;
    const rows: string[] = [];
    for (const format of ["json", "csv", "jsonl"] as const) {
      const m = await measureExport((await exportRun(db, { runId, format })).chunks);
      rows.push(`| export ${format}, ${ITEMS.toLocaleString("en")} items | ${(m.ms / 1000).toFixed(2)} s | ${(m.bytes / 2 ** 20).toFixed(1)} MB streamed, heap grew at most ${m.heapGrowthMb.toFixed(1)} MB |`);
    }
    const plain = await createShare(db, { kind: "run", target: { runId }, includeItems: false, public: false }, { createdBy: null });
    const items = await createShare(db, { kind: "run", target: { runId }, includeItems: true, public: false }, { createdBy: null });
    const lookup = await timeMany(500, () => resolveShareToken(db, plain.token));
    const share = (await resolveShareToken(db, plain.token))!;
    const shareItems = (await resolveShareToken(db, items.token))!;
    const page = await timeMany(50, () => projectShare(db, share));
    const itemPage = await timeMany(50, () => projectShare(db, shareItems, { page: 1 }));
    const lastPage = await timeMany(20, () => projectShare(db, shareItems, { page: ITEMS / 50 }));
    const ms = (t: { p50: number; p95: number }) => `${t.p50.toFixed(2)} ms median, ${t.p95.toFixed(2)} ms p95`;
    rows.push(`| token lookup (hash + one query) | ${ms(lookup)} | unknown, expired and revoked take the same path |`);
    rows.push(`| shared page data, aggregates only | ${ms(page)} | run of ${ITEMS.toLocaleString("en")} items |`);
    rows.push(`| shared page data with items, page 1 | ${ms(itemPage)} | 50 items a page |`);
    rows.push(`| shared page data with items, last page | ${ms(lastPage)} | offset paging |`);
    return ["| what | time | notes |", "|---|---|---|", ...rows].join("\n");
  } finally {
    await database.close();
  }
}
