import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createModel } from "@/lib/db/queries/models";
import { listItemsOfRun, saveSuite } from "@/lib/db/queries/suites";
import type { Model } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import type { SuiteDefinition, SuiteItem, TaskKind } from "@/lib/suites/types";
import type { Caps } from "./caps";
import { configHash, type RunSettingsInput, resolveSettings, runSettingsInput } from "./settings";
import { chooseItems, startRun } from "./start-run";

const MISSING = "00000000-0000-4000-8000-000000000000";

const mcq = (externalId: string, split: "dev" | "test", subset: string | null): SuiteItem => ({
  externalId,
  split,
  ...(subset ? { subset } : {}),
  input: { question: `问题 ${externalId}`, options: { A: "甲", B: "乙" } },
  gold: { answer: "A" },
});
const scaleItem = (n: number, en: string | null): SuiteItem => ({
  externalId: String(n),
  split: "test",
  input: { n, zh: `陈述 ${n}`, en },
  gold: { stigmaWhenAgree: n % 2 === 0 },
});
const tuple = (externalId: string): SuiteItem => ({
  externalId,
  split: "test",
  input: { prompt: `问 ${externalId}`, chosen: "长一些的回答", rejected: "短" },
  gold: {},
});
const suite = (id: string, taskKind: TaskKind, items: SuiteItem[]): SuiteDefinition => ({
  id,
  name: { en: id, zh: id },
  taskKind,
  licence: "CC0",
  source: "unit test",
  config: {},
  items,
});

// Test items listed out of subset order, with repeats and one item without a subset, so the "valid subsets" list
// has something to sort, deduplicate and leave out.
const subsetItems = [
  mcq("d1", "dev", "anatomy"),
  mcq("t1", "test", "virology"),
  mcq("t2", "test", "anatomy"),
  mcq("t3", "test", null),
  mcq("t4", "test", "virology"),
  mcq("t5", "test", "anatomy"),
  mcq("t6", "test", "virology"),
];
const bigItems = ["a", "b", "c"].flatMap((s) => Array.from({ length: 10 }, (_, i) => mcq(`${s}${i}`, "test", s)));

describe.each(testEngines())("starting a run on $name", (engine) => {
  let database: TestDatabase;
  let chat: Model;
  const models: Record<string, Model> = {};

  beforeAll(async () => {
    database = await engine.open();
    const { db } = database;
    const suites: [SuiteDefinition, string][] = [
      [suite("sr-mcq", "mcq", subsetItems), "v-mcq-3"],
      [suite("sr-plain", "mcq", [mcq("p1", "test", null), mcq("p2", "test", null)]), "v1"],
      [suite("sr-dev-only", "mcq", [mcq("d1", "dev", null)]), "v1"],
      [suite("sr-big", "mcq", bigItems), "v1"],
      [suite("sr-reward", "reward", [tuple("r1"), tuple("r2")]), "v1"],
      // Items 2 and 4 have no published English text: 2 of 5, so counting the others instead would say 3.
      [suite("sr-scale-partial", "scale", [scaleItem(1, "s1"), scaleItem(2, null), scaleItem(3, "s3"), scaleItem(4, null), scaleItem(5, "s5")]), "v1"],
      [suite("sr-scale-en", "scale", [scaleItem(1, "s1"), scaleItem(2, "s2"), scaleItem(3, "s3")]), "v1"],
    ];
    for (const [definition, version] of suites) await saveSuite(db, { suite: definition, version, bundled: false });
    chat = await createModel(db, { name: "sr chat", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", modelId: "sr-chat-model" });
    const others: [string, string, string | null][] = [
      ["majority", "baseline", "majority"],
      ["longer", "baseline", "longer-answer"],
      ["coin", "baseline", "coin-flip"],
      ["rm", "reward", "sr-rm"],
      ["tab", "browser", "tiny"],
      ["local", "onnx-local", "tiny"],
      ["stranger", "anthropic", "claude"],
    ];
    for (const [key, provider, modelId] of others) models[key] = await createModel(db, { name: `sr ${key}`, provider, modelId });
  });
  afterAll(async () => {
    await database?.dispose();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const start = (
    modelId: string,
    suiteId: string,
    { settings, label, caps }: { settings?: RunSettingsInput; label?: string | null; caps?: Caps } = {},
  ) => startRun(database.db, { modelId, suiteId, settings, ...(label === undefined ? {} : { label }) }, caps ? { caps } : undefined);
  const refused = (message: string, status = 400) => ({ name: "AppError", status, message });
  const externalIds = async (runId: string) => (await listItemsOfRun(database.db, { runId })).map((i) => i.externalId);

  it("answers 404 for an unknown model, naming the id asked for", async () => {
    await expect(start(MISSING, "sr-mcq")).rejects.toMatchObject({ ...refused(`unknown model "${MISSING}"`, 404), code: "not_found" });
  });

  it("answers 404 for an unknown suite", async () => {
    await expect(start(chat.id, "sr-nope")).rejects.toMatchObject(refused('unknown suite "sr-nope"', 404));
  });

  it("answers 404 for a suite the deployment turns off, as if it did not exist, and starts the others", async () => {
    vi.stubEnv("DISABLED_SUITES", "elsewhere, sr-mcq");
    vi.resetModules();
    const { startRun: startWithDisabled } = await import("./start-run");
    await expect(startWithDisabled(database.db, { modelId: chat.id, suiteId: "sr-mcq" })).rejects.toMatchObject(refused('unknown suite "sr-mcq"', 404));
    await expect(startWithDisabled(database.db, { modelId: chat.id, suiteId: "sr-plain" })).resolves.toMatchObject({ suiteId: "sr-plain" });
  });

  it("refuses a baseline on a kind its strategy does not answer, and a baseline whose strategy does not exist", async () => {
    await expect(start(models.majority.id, "sr-reward")).rejects.toMatchObject(refused('baseline "sr majority" does not answer reward suites'));
    await expect(start(models.coin.id, "sr-mcq")).rejects.toMatchObject(refused('baseline "sr coin" does not answer mcq suites'));
  });

  it("starts a baseline on the kinds its strategy answers", async () => {
    await expect(start(models.majority.id, "sr-mcq")).resolves.toMatchObject({ modelId: models.majority.id, itemCount: 6 });
    await expect(start(models.longer.id, "sr-reward")).resolves.toMatchObject({ modelId: models.longer.id, itemCount: 2 });
  });

  it("refuses a model whose provider it does not know", async () => {
    await expect(start(models.stranger.id, "sr-mcq")).rejects.toMatchObject(refused('model "sr stranger" has an unknown provider "anthropic"'));
  });

  it("refuses a reward model on a suite that is not a reward suite, and starts it on a reward suite", async () => {
    await expect(start(models.rm.id, "sr-mcq")).rejects.toMatchObject(refused('model "sr rm" is a reward model; it scores reward suites only'));
    await expect(start(models.rm.id, "sr-reward")).resolves.toMatchObject({ modelId: models.rm.id, itemCount: 2 });
  });

  it("refuses browser and onnx-local models on a reward suite, and starts them on a chat suite", async () => {
    await expect(start(models.tab.id, "sr-reward")).rejects.toMatchObject(refused('model "sr tab" runs in the browser and cannot score reward suites'));
    await expect(start(models.local.id, "sr-reward")).rejects.toMatchObject(
      refused('model "sr local" is a chat model on this server; reward suites need a reward model or a judge server'),
    );
    await expect(start(models.tab.id, "sr-mcq")).resolves.toMatchObject({ modelId: models.tab.id, itemCount: 6 });
    await expect(start(models.local.id, "sr-mcq")).resolves.toMatchObject({ modelId: models.local.id, itemCount: 6 });
  });

  it("starts a chat model on a reward suite, where it judges the tuples", async () => {
    await expect(start(chat.id, "sr-reward")).resolves.toMatchObject({ modelId: chat.id, itemCount: 2 });
  });

  it("refuses English instructions on a scale where some items have no English text, counting them", async () => {
    await expect(start(chat.id, "sr-scale-partial", { settings: { instruction: "en" } })).rejects.toMatchObject(
      refused('2 of 5 items of "sr-scale-partial" have no published English text; use a Chinese instruction'),
    );
  });

  it("starts English instructions on a scale where every item has English text", async () => {
    await expect(start(chat.id, "sr-scale-en", { settings: { instruction: "en" } })).resolves.toMatchObject({ itemCount: 3 });
  });

  it("starts a Chinese instruction on a scale whatever English text its items have", async () => {
    await expect(start(chat.id, "sr-scale-partial")).resolves.toMatchObject({ itemCount: 5 });
    await expect(start(chat.id, "sr-scale-partial", { settings: { instruction: "neutral" } })).resolves.toMatchObject({ itemCount: 5 });
  });

  it("ignores an English instruction on a suite that is not a scale", async () => {
    await expect(start(chat.id, "sr-mcq", { settings: { instruction: "en" } })).resolves.toMatchObject({ itemCount: 6 });
  });

  describe("with deployment caps", () => {
    const caps = { maxConcurrency: 4, maxRunItems: 5 };

    it("refuses a concurrency above the cap and starts one at it", async () => {
      await expect(start(chat.id, "sr-plain", { settings: { concurrency: 5 }, caps })).rejects.toMatchObject({
        ...refused("concurrency 5 is above this deployment's cap of 4 (CHIMED_MAX_CONCURRENCY)"),
        code: "cap_exceeded",
      });
      await expect(start(chat.id, "sr-plain", { settings: { concurrency: 4 }, caps })).resolves.toMatchObject({ total: 2 });
    });

    it("refuses a run whose items times samples pass the cap, though neither does alone", async () => {
      await expect(start(chat.id, "sr-plain", { settings: { samples: 3 }, caps })).rejects.toMatchObject({
        ...refused(
          "this run would queue 6 requests (items × samples), above this deployment's cap of 5 (CHIMED_MAX_RUN_ITEMS); use a limit or fewer samples",
        ),
        code: "cap_exceeded",
      });
    });

    it("counts the items the limit chooses, not the suite's", async () => {
      await expect(start(chat.id, "sr-mcq", { settings: { samples: 2, limit: 2 }, caps })).resolves.toMatchObject({ itemCount: 2, total: 4 });
      await expect(start(chat.id, "sr-mcq", { caps })).rejects.toMatchObject({ code: "cap_exceeded", message: expect.stringContaining("queue 6 requests") });
    });

    it("checks nothing without caps", async () => {
      await expect(start(chat.id, "sr-mcq", { settings: { samples: 100, concurrency: 1024 } })).resolves.toMatchObject({ total: 600 });
    });
  });

  it("stores the suite's version and test count, the frozen settings and the hash of what was asked", async () => {
    const input = { limit: 3, seed: 9, temperature: 0.5 };
    const run = await start(chat.id, "sr-mcq", { settings: input });
    const settings = resolveSettings("mcq", runSettingsInput.parse(input));
    expect(run).toMatchObject({
      modelId: chat.id,
      suiteId: "sr-mcq",
      suiteVersion: "v-mcq-3",
      status: "queued",
      settings,
      itemCount: 3,
      total: 3,
      suiteItemCount: 6,
      label: null,
    });
    expect(run.configHash).toBe(configHash({ suiteVersion: "v-mcq-3", endpoint: "http://127.0.0.1:9/v1", modelId: "sr-chat-model", settings }));
  });

  it("trims the label and stores a blank or missing one as null", async () => {
    expect((await start(chat.id, "sr-plain", { label: "  first try \n" })).label).toBe("first try");
    expect((await start(chat.id, "sr-plain", { label: "   " })).label).toBeNull();
    expect((await start(chat.id, "sr-plain", { label: null })).label).toBeNull();
    expect((await start(chat.id, "sr-plain")).label).toBeNull();
  });

  it("queues every chosen item once per sample, a scale's greedy pass included", async () => {
    await expect(start(chat.id, "sr-mcq", { settings: { samples: 3 } })).resolves.toMatchObject({ itemCount: 6, total: 18 });
    // Scales default to 10 sampled administrations plus the greedy one.
    await expect(start(chat.id, "sr-scale-en")).resolves.toMatchObject({ itemCount: 3, total: 33 });
  });

  it("runs only the items of the chosen subsets", async () => {
    const run = await start(chat.id, "sr-mcq", { settings: { subsets: ["anatomy"] } });
    expect(run.itemCount).toBe(2);
    expect(await externalIds(run.id)).toEqual(["t2", "t5"]);
  });

  it("names an unknown subset with the suite's valid ones, sorted and once each", async () => {
    await expect(start(chat.id, "sr-mcq", { settings: { subsets: ["anatomy", "surgery"] } })).rejects.toMatchObject(
      refused('unknown subset "surgery" of "sr-mcq"; valid subsets: anatomy, virology'),
    );
  });

  it("names several unknown subsets in the plural, quoted and separated by commas", async () => {
    await expect(start(chat.id, "sr-mcq", { settings: { subsets: ["virology", "surgery", "optics"] } })).rejects.toMatchObject(
      refused('unknown subsets "optics", "surgery" of "sr-mcq"; valid subsets: anatomy, virology'),
    );
  });

  it("says the suite has no subsets when asked for one of a suite without any", async () => {
    await expect(start(chat.id, "sr-plain", { settings: { subsets: ["anatomy"] } })).rejects.toMatchObject(
      refused('unknown subset "anatomy" of "sr-plain"; this suite has no subsets'),
    );
  });

  it("takes a sample of exactly the limit, with every subset in it", async () => {
    const run = await start(chat.id, "sr-big", { settings: { limit: 6 } });
    expect(run).toMatchObject({ itemCount: 6, total: 6, suiteItemCount: 30 });
    const ids = await externalIds(run.id);
    expect(new Set(ids.map((id) => id[0]))).toEqual(new Set(["a", "b", "c"]));
  });

  it("draws the sample from the sample seed when one is given, not from the run seed", async () => {
    const sampled = async (settings: RunSettingsInput) => externalIds((await start(chat.id, "sr-big", { settings: { limit: 6, ...settings } })).id);
    const first = await sampled({ sampleSeed: 5, seed: 1 });
    expect(await sampled({ sampleSeed: 5, seed: 2 })).toEqual(first);
    expect(await sampled({ seed: 5 })).toEqual(first);
    expect(await sampled({ sampleSeed: 6, seed: 1 })).not.toEqual(first);
  });

  it("draws the sample from the run seed when the settings carry no sample seed", async () => {
    const settings = resolveSettings("mcq", { limit: 6, seed: 5 });
    const fromSampleSeed = await chooseItems(database.db, "sr-big", settings);
    expect(await chooseItems(database.db, "sr-big", { ...settings, sampleSeed: null })).toEqual(fromSampleSeed);
    expect(await chooseItems(database.db, "sr-big", { ...settings, sampleSeed: null, seed: 0 })).not.toEqual(fromSampleSeed);
  });

  it("refuses a run that no item matches", async () => {
    await expect(start(chat.id, "sr-dev-only")).rejects.toMatchObject(refused("no items match this run's limit and subsets"));
  });
});
