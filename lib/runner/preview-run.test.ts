import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { importScales } from "@/lib/suites/importers/scales";
import type { SuiteItem } from "@/lib/suites/types";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { executeRun } from "./execute-run";
import { previewRun } from "./preview-run";
import type { RunSettingsInput } from "./settings";
import { startRun } from "./start-run";

const MISSING = "00000000-0000-4000-8000-000000000000";

const mcqItem = (externalId: string, split: "dev" | "test", subset: string | undefined, question: string): SuiteItem => ({
  externalId,
  split,
  ...(subset ? { subset } : {}),
  input: { question, options: { A: "甲", B: "乙", C: "丙" } },
  gold: { answer: "B" },
});

describe.each(testEngines())("run previews on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 3 });
    modelId = (await createModel(database.db, { name: "preview fake", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" })).id;
    await saveSuite(database.db, {
      suite: {
        id: "pv-mcq",
        name: { en: "Preview", zh: "预览" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: { subjectLabels: { anatomy: "解剖学" } },
        items: [
          mcqItem("d1", "dev", "anatomy", "示例问题：骨头有几块？"),
          mcqItem("d2", "dev", "virology", "示例问题：病毒是什么？"),
          mcqItem("t1", "test", "anatomy", "问题一"),
          mcqItem("t2", "test", "virology", "问题二"),
          mcqItem("t3", "test", "anatomy", "问题三"),
          mcqItem("t4", "test", undefined, "问题四"),
          mcqItem("t5", "test", "virology", "问题五"),
          mcqItem("t6", "test", "anatomy", "问题六"),
        ],
      },
      version: "v1",
      bundled: false,
    });
    await saveSuite(database.db, {
      suite: {
        id: "pv-dev-only",
        name: { en: "Dev only", zh: "仅示例" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: [mcqItem("d1", "dev", undefined, "示例")],
      },
      version: "v1",
      bundled: false,
    });
    const [cami] = importScales({ fileName: "scales.json", bytes: readFileSync("data/scales/scales.json") });
    await saveSuite(database.db, {
      suite: { ...cami, id: "pv-cami", taskKind: "scale", source: "unit test", config: cami.config as unknown as Record<string, unknown> },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** The messages a run with these settings sent for its first item's sample 0, run against the fake server. */
  async function sentFirst(suiteId: string, settings: RunSettingsInput) {
    const run = await startRun(database.db, { modelId, suiteId, settings });
    expect(await executeRun({ db: database.db, runId: run.id })).toBe("completed");
    const records = await listRunItemRecords(database.db, { runId: run.id });
    return { messages: records.find((r) => r.sample === 0)!.messages, items: new Set(records.map((r) => r.itemId)).size };
  }

  it("shows the suite's test subsets and sizes, and the exact prompt the run sends first", async () => {
    const preview = await previewRun(database.db, { modelId, suiteId: "pv-mcq" });
    expect(preview).toMatchObject({
      items: 6,
      suiteItems: 6,
      subsets: [
        { subset: "anatomy", n: 3 },
        { subset: "virology", n: 2 },
      ],
      subsetNames: { en: {}, zh: { anatomy: "解剖学" } },
      error: null,
    });
    expect(preview.messages!.at(-1)!.content).toContain("问题一");
    expect(preview.messages).toEqual((await sentFirst("pv-mcq", {})).messages);
  });

  it("counts only the items the limit and subsets choose, and puts the subset's examples in the prompt", async () => {
    const settings = { subsets: ["anatomy"], shots: 1, limit: 2 };
    const preview = await previewRun(database.db, { modelId, suiteId: "pv-mcq", settings });
    expect(preview).toMatchObject({ items: 2, suiteItems: 6, error: null });
    const text = preview.messages!.map((m) => m.content).join("\n");
    expect(text).toContain("示例问题：骨头有几块？");
    expect(text).not.toContain("示例问题：病毒是什么？");
    const sent = await sentFirst("pv-mcq", settings);
    expect(sent.items).toBe(2);
    expect(preview.messages).toEqual(sent.messages);
  });

  it("says no item matches when the suite has no test items", async () => {
    expect(await previewRun(database.db, { modelId, suiteId: "pv-dev-only" })).toEqual({
      items: 0,
      suiteItems: 0,
      subsets: [],
      subsetNames: { en: {}, zh: {} },
      messages: null,
      error: "no items match this run's limit and subsets",
    });
  });

  it("shows a scale's first administration as the run sends it, shuffled by its sample", async () => {
    const settings = { order: "shuffled" as const, samples: 2, limit: 1, seed: 11 };
    const preview = await previewRun(database.db, { modelId, suiteId: "pv-cami", settings });
    expect(preview).toMatchObject({ items: 1, suiteItems: 40, error: null });
    expect(preview.subsets.map((s) => s.subset)).toEqual(["A", "B", "CMHI", "SR"]);
    expect(preview.messages).toEqual((await sentFirst("pv-cami", settings)).messages);
  });

  it("gives the reason instead of a prompt when the first item cannot be asked", async () => {
    const preview = await previewRun(database.db, { modelId, suiteId: "pv-cami", settings: { instruction: "en" } });
    expect(preview.messages).toBeNull();
    expect(preview.items).toBe(40);
    expect(preview.error).toMatch(/^scale cami item \d+ has no English text; it cannot be administered in English$/);
  });

  it("answers 404 for an unknown model, an unknown suite and a suite the deployment turns off", async () => {
    await expect(previewRun(database.db, { modelId: MISSING, suiteId: "pv-mcq" })).rejects.toMatchObject({
      status: 404,
      message: `unknown model "${MISSING}"`,
    });
    await expect(previewRun(database.db, { modelId, suiteId: "nope" })).rejects.toMatchObject({ status: 404, message: 'unknown suite "nope"' });
    vi.stubEnv("DISABLED_SUITES", "pv-mcq");
    vi.resetModules();
    const { previewRun: previewWithDisabled } = await import("./preview-run");
    await expect(previewWithDisabled(database.db, { modelId, suiteId: "pv-mcq" })).rejects.toMatchObject({
      status: 404,
      message: 'unknown suite "pv-mcq"',
    });
  });
});
