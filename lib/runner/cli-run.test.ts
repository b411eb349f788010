import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getModel } from "@/lib/db/queries/models";
import { getRunProgress } from "@/lib/db/queries/run-items";
import { getRun, setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { RunStatus } from "@/lib/run-status";
import { importScales } from "@/lib/suites/importers/scales";
import { createCliRun, prepareResume, validSuiteIds } from "./cli-run";

const MISSING = "00000000-0000-4000-8000-000000000000";
// No request is made: creating a run only registers the model.
const target = { kind: "openai" as const, baseUrl: "http://127.0.0.1:9/v1", modelId: "cli-run-model" };

describe.each(testEngines())("runs created and resumed from the command line, on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
    await saveSuite(database.db, {
      suite: {
        id: "cli-mcq",
        name: { en: "CLI", zh: "命令行" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: Array.from({ length: 5 }, (_, i) => ({
          externalId: `q${i}`,
          split: i === 0 ? ("dev" as const) : ("test" as const),
          input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
          gold: { answer: "A" },
        })),
      },
      version: "v1",
      bundled: false,
    });
    const [cami] = importScales({ fileName: "scales.json", bytes: readFileSync("data/scales/scales.json") });
    await saveSuite(database.db, {
      suite: { ...cami, id: "cli-cami", taskKind: "scale", source: "unit test", config: cami.config as unknown as Record<string, unknown> },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    await database?.dispose();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const mcqRun = (label?: string) => createCliRun(database.db, { suiteId: "cli-mcq", target, settings: { limit: 3 }, scaleFlags: [], label });

  it("creates a run of the chosen items on the model it registers, with its label", async () => {
    const run = await mcqRun("第一轮");
    expect(run).toMatchObject({ suiteId: "cli-mcq", status: "queued", label: "第一轮" });
    expect(await getModel(database.db, { id: run.modelId })).toMatchObject({ name: "cli-run-model @ 127.0.0.1:9", provider: "openai" });
    expect((await getRunProgress(database.db, { runId: run.id })).total).toBe(3);
  });

  it("names the valid suites, in list order, for an unknown one", async () => {
    expect(await validSuiteIds(database.db)).toEqual(["cli-mcq", "cli-cami"]);
    await expect(createCliRun(database.db, { suiteId: "nope", target, settings: {}, scaleFlags: [] })).rejects.toThrow(
      'unknown suite "nope"; valid suites: cli-mcq, cli-cami',
    );
  });

  it("treats a suite the deployment turns off as unknown and leaves it out of the valid ones", async () => {
    vi.stubEnv("DISABLED_SUITES", "cli-cami");
    vi.resetModules();
    const cli = await import("./cli-run");
    expect(await cli.validSuiteIds(database.db)).toEqual(["cli-mcq"]);
    await expect(cli.createCliRun(database.db, { suiteId: "cli-cami", target, settings: {}, scaleFlags: [] })).rejects.toThrow(
      'unknown suite "cli-cami"; valid suites: cli-mcq',
    );
  });

  it("refuses attitude-scale flags for another kind of suite, naming them, and takes them for a scale", async () => {
    const withFlags = (suiteId: string, scaleFlags: string[]) => createCliRun(database.db, { suiteId, target, settings: {}, scaleFlags });
    await expect(withFlags("cli-mcq", ["--order"])).rejects.toThrow('--order applies to attitude-scale suites only; "cli-mcq" is mcq');
    await expect(withFlags("cli-mcq", ["--order", "--labels"])).rejects.toThrow(
      '--order, --labels apply to attitude-scale suites only; "cli-mcq" is mcq',
    );
    expect(await withFlags("cli-cami", ["--order", "--labels"])).toMatchObject({ suiteId: "cli-cami", status: "queued" });
  });

  it("refuses to resume an unknown run, or a run of another suite than the one named", async () => {
    await expect(prepareResume(database.db, { runId: MISSING })).rejects.toThrow(`no run "${MISSING}" in this database`);
    const run = await mcqRun();
    await expect(prepareResume(database.db, { runId: run.id, suiteId: "cli-cami" })).rejects.toThrow(
      `run ${run.id} is a run of "cli-mcq", not "cli-cami"`,
    );
    expect(await prepareResume(database.db, { runId: run.id, suiteId: "cli-mcq" })).toMatchObject({ id: run.id, status: "queued" });
  });

  it("returns finished and queued runs as they are, and queues interrupted ones again", async () => {
    const inStatus = async (status: RunStatus) => {
      const run = await mcqRun();
      await setRunStatus(database.db, { id: run.id, status, error: status === "failed" ? "gave up" : undefined });
      return run.id;
    };
    for (const status of ["completed", "completed_with_errors", "queued"] as const) {
      const id = await inStatus(status);
      expect((await prepareResume(database.db, { runId: id })).status).toBe(status);
      expect((await getRun(database.db, { id }))!.status).toBe(status);
    }
    for (const status of ["cancelled", "failed", "running"] as const) {
      const id = await inStatus(status);
      expect(await prepareResume(database.db, { runId: id })).toMatchObject({ id, status: "queued", error: null });
      expect((await getRun(database.db, { id }))!.status).toBe("queued");
    }
  });
});
