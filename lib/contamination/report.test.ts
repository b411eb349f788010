import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertContaminationIndex, markContaminationIndexFailed } from "@/lib/db/queries/contamination";
import { createModel } from "@/lib/db/queries/models";
import { createRunWithItems } from "@/lib/db/queries/runs";
import { listRunCandidates, saveSuite } from "@/lib/db/queries/suites";
import { runItems, runs } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { SuiteDefinition } from "@/lib/suites/types";
import { resolveSettings } from "@/lib/tasks/settings";
import { suiteContamination } from "./report";
import { failAbandonedBuilds, indexCorpusFile, removeIndex, requireReadyIndex } from "./store";

const questions = [
  "男性患者六十五岁突发胸骨后压榨样疼痛两小时最可能的诊断是",
  "女性患者三十岁停经六周下腹痛伴阴道流血首先应做的检查是",
  "儿童发热三天伴耳后淋巴结肿大皮疹由面部开始最可能是",
  "老年患者长期吸烟慢性咳嗽咳痰十年冬季加重考虑诊断为",
];
const options = { A: "是", B: "否" };
const suite: SuiteDefinition = {
  id: "contam-mcq",
  name: { en: "Contamination", zh: "污染" },
  taskKind: "mcq",
  licence: "CC0",
  source: "unit test",
  config: {},
  items: questions.map((question, i) => ({ externalId: `q${i}`, split: "test" as const, input: { question, options }, gold: { answer: "AABB"[i] } })),
};

// q0's question stem is in the corpus (across a line break); q1 only with its answer: the example's text is
// stem ‖ "a.是b.否" ‖ "a.是", and the corpus holds the stem's last 4 characters with those 9, one 13-gram
// that reaches into the answer. q2 and q3 are clean.
const corpus = [
  { text: "病例讨论：男性患者六十五岁突发胸骨后压榨样\n疼痛两小时最可能的诊断是什么？" },
  { text: "的检查是\nA. 是\nB. 否\nA. 是" },
  { text: "无关的医学教科书段落，讲述高血压的流行病学。" },
];

describe.each(testEngines({ only: ["pglite", "postgres"] }))("suite contamination report on $name", (engine) => {
  let database: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), "contam-report-"));
  const file = path.join(dir, "corpus.jsonl");
  beforeAll(async () => {
    database = await engine.open();
    writeFileSync(file, corpus.map((c) => JSON.stringify(c)).join("\n"));
    await saveSuite(database.db, { suite, version: "v1", bundled: false });
    const itemIds = (await listRunCandidates(database.db, { suiteId: suite.id })).map((c) => c.id);
    const model = await createModel(database.db, { name: "contam-model", provider: "openai", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" });
    const run = (await createRunWithItems(database.db, {
      modelId: model.id,
      suiteId: suite.id,
      suiteVersion: "v1",
      settings: resolveSettings("mcq", {}),
      configHash: "contam",
      itemIds,
      suiteItemCount: 4,
      samples: 1,
    }))!;
    // Right on q0 and q1 (the contaminated ones), right on q2, wrong on q3: 3/4 over all, 1/2 over the clean.
    await database.db.update(runItems).set({ status: "done", outcome: "scored", scores: { correct: 1 } }).where(eq(runItems.runId, run.id));
    await database.db
      .update(runItems)
      .set({ scores: { correct: 0 } })
      .where(and(eq(runItems.runId, run.id), eq(runItems.itemId, itemIds[3])));
    await database.db.update(runs).set({ status: "completed", finishedAt: new Date() }).where(inArray(runs.id, [run.id]));
  });
  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds the items that share a 13-gram, gives both shares, and each run's score with and without them", async () => {
    const index = await indexCorpusFile(database.db, { file, name: "corpus", format: "jsonl" });
    expect(index).toMatchObject({ name: "corpus", n: 13, documents: 3 });
    const report = await suiteContamination(database.db, index, suite.id);
    expect(report).toMatchObject({ items: 4, questionMatches: 1, questionAnswerMatches: 2, questionShare: 0.25, questionAnswerShare: 0.5 });
    expect(report.matches.map((m) => [m.externalId, m.question, m.questionAnswer])).toEqual([
      ["q0", true, true],
      ["q1", false, true],
    ]);
    expect(report.matches.find((m) => m.externalId === "q0")!.span).toBe(questions[0]);
    expect(report.runs).toEqual([
      expect.objectContaining({ model: "contam-model", metric: "accuracy", display: "percent", all: 0.75, clean: 0.5, cleanItems: 2 }),
    ]);
    await removeIndex(database.db, index.id);
    await expect(removeIndex(database.db, index.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a JSONL corpus with a bad line, naming it, and keeps nothing", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, '{"text":"好"}\n[1,2]\n');
    await expect(indexCorpusFile(database.db, { file: bad, name: "bad", format: "jsonl" })).rejects.toMatchObject({
      status: 400,
      message: 'corpus refused: line 2: no string field "text"',
    });
  });

  it("answers 409 for a building index (report or delete), and at boot fails the builds a dead process left", async () => {
    const zeros = { documents: 0, characters: 0, fingerprints: 0, corpusBytes: 0, indexBytes: 0 };
    const row = (builder: string) => insertContaminationIndex(database.db, { id: randomUUID(), name: "half", n: 13, ...zeros, status: "building", builder });
    const host = hostname();
    const dead = await row(`contam-${host}-999999-abc123`);
    const live = await row(`contam-${host}-424242-abc123`);
    const elsewhere = await row("contam-other-host-1-abc123");
    await expect(requireReadyIndex(database.db, dead.id)).rejects.toMatchObject({
      status: 409,
      message: "this contamination index is still being built: try again when it is ready",
    });
    await expect(removeIndex(database.db, dead.id)).rejects.toMatchObject({ status: 409 });

    expect(await failAbandonedBuilds(database.db, { host, alive: (pid) => pid === 424242 })).toBe(1);
    const failed = await requireReadyIndex(database.db, dead.id).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      status: 409,
      message: "this contamination index failed to build: the server stopped while this index was being built: upload the corpus again",
    });
    // A live process on this host, and any process elsewhere, keep building.
    await expect(requireReadyIndex(database.db, live.id)).rejects.toMatchObject({ status: 409, code: "index_building" });
    await expect(requireReadyIndex(database.db, elsewhere.id)).rejects.toMatchObject({ status: 409, code: "index_building" });
    for (const id of [live.id, elsewhere.id]) await markContaminationIndexFailed(database.db, { id, kind: "build", detail: "test" });
    for (const id of [dead.id, live.id, elsewhere.id]) await removeIndex(database.db, id);
  });
});
