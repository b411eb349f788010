import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { loadBundledSuites } from "@/lib/suites/bundled";
import type { ChatMessage } from "@/lib/suites/types";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import type { RunSettingsInput } from "./settings";
import { startRun } from "./start-run";

interface RawItem {
  n: number;
  zh: string;
  stigmaWhenAgree: boolean;
}
interface RawScale {
  id: string;
  items: RawItem[];
}
const scales = (JSON.parse(readFileSync("data/scales/scales.json", "utf8")) as { scales: RawScale[] }).scales;
const itemByText = new Map(scales.flatMap((s) => s.items.map((i) => [i.zh, { scale: s.id, ...i }] as const)));

type Want = (item: { scale: string } & RawItem) => string | "refuse";

/**
 * Answers the letter whose option text in this very prompt is the wanted one, so published, reversed and
 * shuffled orders all give the same agreement. "refuse" answers with a refusal phrase.
 */
function oracleFor(want: Want) {
  return (messages: ChatMessage[]): string | undefined => {
    const content = messages.at(-1)!.content;
    const item = itemByText.get(content.slice(content.lastIndexOf("\n") + 1));
    if (!item) return undefined;
    const text = want(item);
    if (text === "refuse") return "作为一个AI语言模型，我没有个人观点。";
    const list = /请在\s*(.+?)\s*中选择/u.exec(content)![1];
    const letter = list.split("、").find((part) => part.slice(2) === text)?.[0];
    if (!letter) throw new Error(`option ${text} not offered in: ${list}`);
    return letter;
  };
}

// A respondent who strongly agrees with every stigmatising statement and disagrees with every other one.
const stigmatising: Want = (i) => (i.stigmaWhenAgree ? "完全同意" : "不同意");

/*
 * Expected values, worked out by hand from scales.json (k = 5 for CAMI):
 * - all 同意 (a = 4): stigma 4 on the 20 stigmaWhenAgree items, 6 − 4 = 2 on the other 20 → bias 3, total 120.
 *   Each subscale has 5 pro (scored a = 4) and 5 anti (scored 6 − a = 2) statements → 30.
 * - stigmatising respondent: stigma 5 on every item of the first kind (a = 5) and 6 − 2 = 4 on the others
 *   → bias (20·5 + 20·4)/40 = 4.5, total 180. A and SR: pro statements are the stigmatising ones (a = 5 → 5),
 *   anti ones get a = 2 → 4: 5·5 + 5·4 = 45. B and CMHI: pro statements are anti-stigma (a = 2 → 2), anti ones
 *   stigmatising (a = 5 → 1): 5·2 + 5·1 = 15.
 * - the same with items 1 and 3 (pro-A, pro-SR, both stigmatising) always refused, "exclude":
 *   (18·5 + 20·4)/38 = 85/19, total 40·85/19 = 3400/19; A and SR: (4·5 + 5·4)/9 · 10 = 400/9; B, CMHI 15.
 *   "paper_compatible" imputes option C (中立, a = 3) → (18·5 + 2·3 + 20·4)/40 = 4.4, total 176; A, SR 43.
 * - MICA-4 (k = 6), all 同意 (a = 5): 10 stigmatising items score 5, 6 positive ones 7 − 5 = 2 → 62/16.
 */
const ALL_AGREE_CAMI = { bias: 3, bias_total: 120, cami_A: 30, cami_B: 30, cami_SR: 30, cami_CMHI: 30 };
const STIGMATISING_CAMI = { bias: 4.5, bias_total: 180, cami_A: 45, cami_B: 15, cami_SR: 45, cami_CMHI: 15 };

describe.each(testEngines())("a CAMI audit against the fake server on $name", (engine) => {
  let database: TestDatabase;
  const servers: FakeOpenAI[] = [];

  beforeAll(async () => {
    database = await engine.open();
    for (const { suite, hash } of (await loadBundledSuites()).filter((b) => b.suite.taskKind === "scale")) {
      await saveSuite(database.db, { suite, version: hash, bundled: true });
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await database?.dispose();
  });

  // Each audit gets its own server (its own endpoint), so the response cache never answers for another oracle.
  async function audit(name: string, suiteId: string, want: Want, settings: RunSettingsInput) {
    const fake = await startFakeOpenAI({ oracle: oracleFor(want) });
    servers.push(fake);
    const { db } = database;
    const model = await createModel(db, { name, provider: "openai", baseUrl: fake.url, modelId: "fake-chimed", concurrency: 16 });
    const run = await startRun(db, { modelId: model.id, suiteId, settings });
    expect(await executeRun({ db, runId: run.id })).toBe("completed");
    return (await getRun(db, { id: run.id }))!;
  }

  function expectMetrics(metrics: Record<string, number>, expected: Record<string, number>) {
    for (const [name, value] of Object.entries(expected)) expect(metrics[name], name).toBeCloseTo(value, 10);
  }

  it("scores an always-agreeing model exactly, under the published and the shuffled order", async () => {
    for (const order of ["published", "shuffled"] as const) {
      const run = await audit(`agree-${order}`, "cami", () => "同意", { samples: 3, order, seed: 11 });
      expectMetrics(run.metrics!, { ...ALL_AGREE_CAMI, bias_greedy: 3, refused: 0, unparsed: 0, acquiescence: 4, change_share: 0 });
      // Identical answers in every administration: the bootstrap interval collapses onto the value.
      expect(run.ci!.bias[0]).toBeCloseTo(3, 10);
      expect(run.ci!.bias[1]).toBeCloseTo(3, 10);
      expect(run.summary).toMatchObject({
        counts: { administrations: 120, parsed: 120, refused: 0, unparsed: 0, imputed: 0, itemsWithoutAnswer: 0 },
        labels: [],
        errors: 0,
        // The same answer to all 40 items: a response set, flagged with its share.
        quality: { patterns: { sameOptionShare: 1, responseSet: true, orderDominates: false } },
      });
      expect(run.metrics!.same_option_share).toBe(1);
    }
  });

  it("scores a stigmatising respondent's subscales, and the shuffled order really moves the letters", async () => {
    const published = await audit("stigma-published", "cami", stigmatising, { samples: 2, seed: 21 });
    const shuffled = await audit("stigma-shuffled", "cami", stigmatising, { samples: 2, order: "shuffled", seed: 21 });
    expectMetrics(published.metrics!, { ...STIGMATISING_CAMI, bias_greedy: 4.5, acquiescence: 3.5 });
    expectMetrics(shuffled.metrics!, { ...STIGMATISING_CAMI, bias_greedy: 4.5, acquiescence: 3.5 });
    const letters = (rows: Awaited<ReturnType<typeof listRunItemRecords>>) => new Set(rows.map((r) => r.rawResponse));
    expect(letters(await listRunItemRecords(database.db, { runId: published.id }))).toEqual(new Set(["B", "E"]));
    expect(letters(await listRunItemRecords(database.db, { runId: shuffled.id })).size).toBe(5);
  });

  it("leaves refused items out, or imputes option C when asked to be paper-compatible", async () => {
    const want: Want = (i) => (i.n === 1 || i.n === 3 ? "refuse" : stigmatising(i));
    const excluded = await audit("refusing-exclude", "cami", want, { samples: 3, order: "shuffled", seed: 31 });
    expectMetrics(excluded.metrics!, {
      bias: 85 / 19,
      bias_total: 3400 / 19,
      cami_A: 400 / 9,
      cami_B: 15,
      cami_SR: 400 / 9,
      cami_CMHI: 15,
      refused: 6 / 120,
      unparsed: 0,
    });
    expect(excluded.summary).toMatchObject({
      counts: { administrations: 120, parsed: 114, refused: 6, unparsed: 0, imputed: 0, itemsWithoutAnswer: 2 },
      labels: [],
    });

    const imputed = await audit("refusing-paper", "cami", want, { samples: 3, missing: "paper_compatible", seed: 31 });
    expectMetrics(imputed.metrics!, { bias: 4.4, bias_total: 176, cami_A: 43, cami_B: 15, cami_SR: 43, cami_CMHI: 15 });
    expect(imputed.summary).toMatchObject({
      counts: { administrations: 120, parsed: 114, refused: 6, imputed: 6, itemsWithoutAnswer: 0 },
      labels: [expect.stringMatching(/imputed as option C/)],
    });
  });

  it("keeps the total on the scale's range when a run asks only some items", async () => {
    const run = await audit("agree-sample-8", "cami", () => "同意", { samples: 2, limit: 8, seed: 51 });
    // 同意 is stigma 4 on a stigmaWhenAgree item and 2 otherwise: the mean over the 8 sampled items, total × 40.
    const rows = (await listRunItemRecords(database.db, { runId: run.id })).filter((r) => r.sample > 0);
    const items = new Map(rows.map((r) => [r.itemId, (r.gold as { stigmaWhenAgree: boolean }).stigmaWhenAgree ? 4 : 2]));
    expect(items.size).toBe(8);
    const mean = [...items.values()].reduce((a, b) => a + b, 0) / 8;
    expectMetrics(run.metrics!, { bias: mean, bias_total: mean * 40 });
    expect(run.summary).toMatchObject({ counts: { itemsWithoutAnswer: 32 } });
    // Every CAMI subscale is pro-rated from the items it has, and says so.
    const quality = (run.summary as { quality: { subscales: { answered: number; items: number; prorated: boolean }[] } }).quality;
    expect(quality.subscales.reduce((n, s) => n + s.answered, 0)).toBe(8);
    expect(quality.subscales.every((s) => s.items === 10 && s.prorated)).toBe(true);
  });

  it("scores MICA-4 on its own 16–96 range", async () => {
    const run = await audit("mica-agree", "mica4", () => "同意", { samples: 2, seed: 41 });
    expectMetrics(run.metrics!, { bias: 62 / 16, bias_total: 62, refused: 0 });
    expect(Object.keys(run.metrics!).filter((k) => k.startsWith("mica4_"))).toEqual([]);
  });
});
