// `npm run bench -- --leaderboard`: the leaderboard page's query on 200 models × 30 suites of generated runs, on PostgreSQL.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { type Db, openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { parseLeaderboardFilters } from "@/lib/leaderboard/filters";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";

const MODELS = 200;
const SUITES = 30;
const ROUNDS = 15;
const kinds = ["mcq", "ner", "open_qa", "dialogue"];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Per model and suite: two runs with the paper's settings, one 5-shot run, and for every seventh cell a sampled (partial) run. */
export async function generateBoard(db: Db) {
  await db.execute(sql`
    insert into suites (id, name, task_kind, licence, source, version, test_count)
    select 'bench-' || i, jsonb_build_object('en', 'Bench suite ' || i, 'zh', '测试集 ' || i),
      (array[${sql.raw(kinds.map((k) => `'${k}'`).join(", "))}])[1 + i % ${kinds.length}], 'CC0', 'bench', 'v1', 1000
    from generate_series(1, ${SUITES}) i`);
  await db.execute(sql`
    insert into models (name, provider, base_url, model_id)
    select 'bench-model-' || i, 'openai', 'http://127.0.0.1:9/v1', 'm' || i from generate_series(1, ${MODELS}) i`);
  await db.execute(sql`
    insert into runs (model_id, suite_id, suite_version, settings, config_hash, status, total, item_count, suite_item_count,
      metrics, ci, summary, created_at, finished_at)
    select m.id, s.id, 'v1',
      jsonb_build_object('shots', case when k = 3 then 5 else 0 end, 'template', 'paper', 'answerMode', 'text', 'tokenizer', 'char', 'key', 'stigma', 'seed', k),
      md5(m.id::text || s.id || k), 'completed', n, n, 1000,
      jsonb_build_object('accuracy', v, 'f1', v, 'bleu1', v, 'bleu2', v * 0.8, 'rouge1', v, 'rouge2', v * 0.7, 'rougeL', v * 0.9),
      jsonb_build_object('accuracy', jsonb_build_array(v - 0.03, v + 0.03), 'f1', jsonb_build_array(v - 0.03, v + 0.03),
        'rougeL', jsonb_build_array(v * 0.9 - 0.02, v * 0.9 + 0.02)),
      jsonb_build_object('done', n, 'errors', 0),
      now() - (k || ' hours')::interval, now() - (k || ' hours')::interval
    from models m cross join suites s cross join generate_series(1, 4) k
    cross join lateral (select 0.3 + random() * 0.6 + 0 * k as v, case when k = 4 then 200 else 1000 end as n) x
    where s.id like 'bench-%' and (k < 4 or (hashtext(m.id::text || s.id) % 7) = 0)`);
}

/**
 * Generates the board in a throwaway database of the given PostgreSQL server: per model and suite, two runs
 * with the paper's settings, one 5-shot run, and every seventh cell a sampled (partial) run. Then times
 * loadLeaderboardView (SQL aggregation plus building the view, and the memoised view) for the default view and a few filtered ones.
 */
export async function runLeaderboardBench(serverUrl: string, log: (line: string) => void): Promise<string> {
  const name = `chimed_bench_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  try {
    await migrateDatabase(database);
    const { db } = database;
    log(`generating ${MODELS} models × ${SUITES} suites in ${name}`);
    await generateBoard(db);
    // What autovacuum does to a live database after bulk inserts: statistics, and the visibility map without
    // which the planner will not read the board's cells in order from runs_board_cell_idx (index-only scan).
    await db.execute(sql`vacuum analyze`);
    const runCount = await db.execute(sql`select count(*)::int as n from runs`);
    const total = (Array.isArray(runCount) ? runCount : (runCount as { rows: { n: number }[] }).rows)[0] as { n: number };

    const views: [string, Record<string, string>][] = [
      ["default (latest)", {}],
      ["fill=best", { fill: "best" }],
      ["fill=pinned", { fill: "pinned" }],
      ["task=mcq, sorted by model", { task: "mcq", sort: "model", dir: "asc" }],
      ["model contains 'model-1'", { model: "model-1" }],
    ];
    const lines = [
      `Leaderboard: ${MODELS} models × ${SUITES} suites, ${total.n} finished runs (PostgreSQL, ${ROUNDS} rounds after a warm-up)`,
      "  cold: the first view after a run changed (query and build); warm: the same view again (revision check only)",
    ];
    for (const [label, query] of views) {
      const filters = parseLeaderboardFilters(query);
      const first = await loadLeaderboardView(db, filters, "en");
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        // A new row version of one finished run: the next view is rebuilt from SQL.
        await db.execute(sql`update runs set label = ${`bench ${i}`} where id = (select id from runs order by id limit 1)`);
        let started = performance.now();
        await loadLeaderboardView(db, filters, "en");
        cold.push(performance.now() - started);
        started = performance.now();
        await loadLeaderboardView(db, filters, "en");
        warm.push(performance.now() - started);
      }
      const rows = first.sections.reduce((sum, s) => sum + s.rows.length, 0);
      lines.push(
        `  ${label.padEnd(28)} cold median ${percentile(cold, 0.5).toFixed(1)} ms, p95 ${percentile(cold, 0.95).toFixed(1)} ms; ` +
          `warm median ${percentile(warm, 0.5).toFixed(1)} ms (${rows} rows, target < 300 ms)`,
      );
    }
    return lines.join("\n");
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}
