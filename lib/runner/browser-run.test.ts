import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { getRunProgress, listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun, listClaimableRunIds } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { SuiteDefinition } from "@/lib/suites/types";
import { acceptBrowserAnswers, claimBrowserItems, releaseBrowserItems } from "./browser-run";
import { cancelRun } from "./control";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

// Six two-option questions; the gold answer is A for the first four and B for the last two.
const suite: SuiteDefinition = {
  id: "browser-mcq",
  name: { en: "Browser", zh: "浏览器" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: Array.from({ length: 6 }, (_, i) => ({
    externalId: `q${i}`,
    split: "test" as const,
    subset: "内科",
    input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
    gold: { answer: i < 4 ? "A" : "B" },
  })),
};

const tabA = "00000000-0000-4000-8000-00000000000a";
const tabB = "00000000-0000-4000-8000-00000000000b";
const answer = (id: number, text: string) => ({ id, text, promptTokens: 10, completionTokens: 1, latencyMs: 5 });

describe.each(testEngines())("browser runs on $name", (engine) => {
  let database: TestDatabase;
  let modelId: string;

  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    modelId = (await createModel(database.db, { name: "in-tab", provider: "browser", baseUrl: null, modelId: null, concurrency: 1 })).id;
  });
  afterAll(() => database?.dispose());

  const newRun = (settings = {}) => startRun(database.db, { modelId, suiteId: suite.id, settings });

  it("is never taken by a server runner, starts at the first claim, and two tabs never share an item", async () => {
    const { db } = database;
    const run = await newRun();
    expect(await listClaimableRunIds(db)).not.toContain(run.id);
    expect(await executeRun({ db, runId: run.id })).toBe("waiting");
    expect((await getRun(db, { id: run.id }))!.status).toBe("queued");
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 4 });
    const b = await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 4 });
    expect(a.status).toBe("running");
    expect(a.items).toHaveLength(4);
    expect(b.items).toHaveLength(2);
    expect(new Set([...a.items, ...b.items].map((i) => i.id)).size).toBe(6);
    expect(a.items[0].messages.at(-1)!.content).toContain("问题0");
    expect(await listClaimableRunIds(db)).not.toContain(run.id);
  });

  it("scores posted answers with the server's code, once each, and finishes the run", async () => {
    const { db } = database;
    const run = await newRun();
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 16 });
    // "A" everywhere: 4 of 6 right. One answer is posted twice and one id is not the run's.
    const first = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(items[0].id, "A"), answer(items[0].id, "A"), answer(999_999, "A")] });
    expect(first).toMatchObject({ accepted: 1, ignored: 2, status: "running" });
    const rest = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: items.slice(1).map((i) => answer(i.id, "答案：A")) });
    expect(rest).toMatchObject({ accepted: 5, status: "completed" });
    const finished = await getRun(db, { id: run.id });
    expect(finished!.metrics!.accuracy).toBeCloseTo(4 / 6, 10);
    const again = await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(items[5].id, "B")] });
    expect(again.accepted).toBe(0);
    expect((await getRun(db, { id: run.id }))!.metrics!.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it("takes a late answer whose lease passed to another tab once, and ignores the second", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    // Tab A's lease lapses at once (its tab closed); tab B takes the same items when it opens.
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2, leaseSeconds: 0 });
    const b = await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 });
    expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
    expect(await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [answer(a.items[0].id, "A")] })).toMatchObject({ accepted: 1 });
    const late = await acceptBrowserAnswers(db, { runId: run.id, tab: tabB, answers: b.items.map((i) => answer(i.id, "B")) });
    expect(late).toMatchObject({ accepted: 1, ignored: 1, status: "completed" });
    const rows = await listRunItemRecords(db, { runId: run.id });
    expect(rows.map((r) => r.rawResponse).sort()).toEqual(["A", "B"]);
    expect((await getRunProgress(db, { runId: run.id })).done).toBe(2);
  });

  it("gives a closing tab's items to the next tab at once", async () => {
    const { db } = database;
    const run = await newRun({ limit: 2 });
    const a = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 2 });
    expect((await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 })).items).toEqual([]);
    expect(await releaseBrowserItems(db, { runId: run.id, tab: tabA })).toBe(2);
    expect((await claimBrowserItems(db, { runId: run.id, tab: tabB, limit: 2 })).items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
  });

  it("asks a logprobs run for the option labels and reads the posted logprobs like a server answer", async () => {
    const { db } = database;
    const run = await newRun({ limit: 1, answerMode: "logprobs" });
    const { items } = await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 });
    expect(items[0].params.logprobs).toBe(true);
    expect(items[0].logprobLabels).toEqual(["A", "B"]);
    const topLogprobs = [
      { token: "B", logprob: Math.log(0.7) },
      { token: "A", logprob: Math.log(0.2) },
    ];
    await acceptBrowserAnswers(db, { runId: run.id, tab: tabA, answers: [{ ...answer(items[0].id, "A"), topLogprobs }] });
    const [row] = await listRunItemRecords(db, { runId: run.id });
    expect(row.parsed).toMatchObject({ letter: "B" });
  });

  it("hands out nothing once the run is cancelled", async () => {
    const { db } = database;
    const run = await newRun();
    await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 1 });
    await cancelRun(db, run.id);
    expect(await claimBrowserItems(db, { runId: run.id, tab: tabA, limit: 4 })).toMatchObject({ status: "cancelled", items: [] });
  });
});
