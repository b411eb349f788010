import { resolveSettings } from "@/lib/tasks/settings";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuiteDefinition } from "@/lib/suites/types";
import { type Database, openDatabase } from "../client";
import { type TestDatabase, testEngines } from "../testing";
import { createModel } from "./models";
import { claimRunItems } from "./run-items";
import { createRunWithItems, rowsOf, setRunStatus } from "./runs";
import { listRunCandidates, saveSuite } from "./suites";

const CLAIMERS = 8;
const ITEMS = 200;
const SAMPLES = 4;

const suite: SuiteDefinition = {
  id: "claim-race",
  name: { en: "Claim race", zh: "并发领取" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: ITEMS }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: "A" },
  })),
};

// Only PostgreSQL has separate connections that can race: PGlite runs one statement at a time, whatever the
// number of clients. Without a server this file reports a skipped test (see testEngines).
const [postgresEngine] = testEngines({ only: ["postgres"] });

describe.runIf(postgresEngine)("claimRunItems from separate PostgreSQL connections at once", () => {
  let database: TestDatabase;
  let claimers: Database[];
  let runId: string;

  beforeAll(async () => {
    database = await postgresEngine!.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    const model = await createModel(database.db, { name: "m", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
    const run = await createRunWithItems(database.db, {
      modelId: model.id,
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "race",
      itemIds: (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id),
      suiteItemCount: suite.items.length,
      samples: SAMPLES,
    });
    runId = run!.id;
    await setRunStatus(database.db, { id: runId, status: "running" });
    claimers = Array.from({ length: CLAIMERS }, () => openDatabase({ url: database.url }));
    // Every claimer holds its own open connection before the race starts.
    await Promise.all(claimers.map((c) => c.db.execute(sql`select 1`)));
  });
  afterAll(async () => {
    await Promise.all((claimers ?? []).map((c) => c.close()));
    await database?.dispose();
  });

  it("hands out no id twice when every connection claims in the same instant", async () => {
    // The barrier: one transaction holds an exclusive lock on runs, which every claim reads, so all claims
    // queue on it before touching run_items; they are released together when it commits.
    const barrier = postgres(database.url!, { max: 1, onnotice: () => {} });
    let claims: Promise<{ id: number }[]>[] = [];
    try {
      await barrier.begin(async (tx) => {
        await tx`lock table runs in access exclusive mode`;
        claims = claimers.map((c, i) => claimRunItems(c.db, { runId, owner: `claimer-${i}`, limit: 100, leaseSeconds: 60 }));
        for (;;) {
          // A transaction sees one snapshot of pg_stat_activity unless it clears it.
          await tx`select pg_stat_clear_snapshot()`;
          const [{ waiting }] = await tx<{ waiting: number }[]>`
            select count(*)::int as waiting from pg_stat_activity
            where pg_backend_pid() = any(pg_blocking_pids(pid))`;
          if (waiting >= CLAIMERS) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
    } finally {
      await barrier.end({ timeout: 5 });
    }
    const first = await Promise.all(claims);
    const ids = first.flat().map((c) => c.id);
    // 8 × 100 asked for, 800 items pending: each gets 100 distinct ones.
    expect(first.map((batch) => batch.length)).toEqual(Array(CLAIMERS).fill(100));
    expect(new Set(ids).size).toBe(ids.length);

    // The rest, all claimers at once round after round, until the queue is empty.
    for (;;) {
      const round = (
        await Promise.all(claimers.map((c, i) => claimRunItems(c.db, { runId, owner: `claimer-${i}`, limit: 7, leaseSeconds: 60 })))
      ).flat();
      if (round.length === 0) break;
      ids.push(...round.map((c) => c.id));
    }
    expect(ids).toHaveLength(ITEMS * SAMPLES);
    expect(new Set(ids).size).toBe(ITEMS * SAMPLES);
    const attempts = rowsOf<{ attempts: number; n: number }>(
      await database.db.execute(sql`select attempts, count(*)::int as n from run_items where run_id = ${runId} group by attempts`),
    );
    expect(attempts).toEqual([{ attempts: 1, n: ITEMS * SAMPLES }]);
  });
});
