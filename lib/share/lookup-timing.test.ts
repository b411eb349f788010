import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { createModel } from "@/lib/db/queries/models";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { createShare, resolveShareToken, revokeShare } from "./links";
import { newShareToken } from "./token";
import { resolveSettings } from "@/lib/tasks/settings";

const ROUNDS = 400;

function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
}

/**
 * Whether a revoked token can be told from an unknown one by timing: both are looked up many times, interleaved
 * (so drift hits both alike), and the medians compared against the spread of the measurements themselves.
 */
describe.each(testEngines({ only: ["pglite"] }))("token lookup timing on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => database?.dispose());

  it("takes the same time for a revoked and an unknown token, within the noise", async () => {
    const { db } = database;
    await saveSuite(db, { suite: { id: "t", name: { en: "t", zh: "t" }, taskKind: "mcq", licence: "CC0", source: "test", config: {}, items: [{ externalId: "1", split: "test", input: { question: "q", options: { A: "a", B: "b" } }, gold: { answer: "A" } }] }, version: "v1", bundled: false });
    const model = await createModel(db, { name: "m", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
    const run = await createRunWithItems(db, { modelId: model.id, suiteId: "t", suiteVersion: "v1", settings: resolveSettings("mcq", {}), configHash: "h", itemIds: (await listRunCandidates(db, { suiteId: "t" })).map((c) => c.id), suiteItemCount: 1, samples: 1 });
    // Other links in the table, so the index has depth.
    for (let i = 0; i < 200; i++) await createShare(db, { kind: "run", target: { runId: run!.id }, includeItems: false, public: false }, { createdBy: null });
    const { token: revoked, link } = await createShare(db, { kind: "run", target: { runId: run!.id }, includeItems: false, public: false }, { createdBy: null });
    await revokeShare(db, { id: link.id, createdBy: null });
    const unknown = newShareToken();
    const time = async (token: string) => {
      const started = performance.now();
      expect(await resolveShareToken(db, token)).toBeNull();
      return performance.now() - started;
    };
    for (let i = 0; i < 50; i++) await time(i % 2 ? revoked : unknown); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2) {
        a.push(await time(revoked));
        b.push(await time(unknown));
      } else {
        b.push(await time(unknown));
        a.push(await time(revoked));
      }
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const pooled = [...a, ...b].sort((x, y) => x - y);
    const noise = quantile(pooled, 0.75) - quantile(pooled, 0.25);
    const difference = Math.abs(quantile(a, 0.5) - quantile(b, 0.5));
    expect(difference, `median difference ${difference.toFixed(4)} ms, interquartile range ${noise.toFixed(4)} ms`).toBeLessThanOrEqual(Math.max(noise, 0.02));
  });
});
