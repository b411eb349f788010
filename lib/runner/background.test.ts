import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { countLeasedItems } from "@/lib/db/queries/leases";
import { createModel } from "@/lib/db/queries/models";
import { getRun, setRunStatus } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { startBackgroundRunner } from "./background";
import { executeRun } from "./execute-run";
import { startRun } from "./start-run";

const startServer = fakeServersPerTest();

// executeRun as it is, with each call recorded: how a test sees how often the runner started a run.
vi.mock("./execute-run", async (importOriginal) => {
  const real = await importOriginal<typeof import("./execute-run")>();
  return { ...real, executeRun: vi.fn(real.executeRun) };
});

// Far beyond any test: the runner's own timer never fires, so each scan here is the first one, a poke or a tick.
const NEVER_MS = 3_600_000;

/** Events as they arrive, and a promise for the moment one matching `match` has arrived. */
function events<T>() {
  const seen: T[] = [];
  const waiting: { match: (e: T) => boolean; resolve: () => void }[] = [];
  return {
    seen,
    push(event: T) {
      seen.push(event);
      for (const w of waiting.filter((w) => w.match(event))) w.resolve();
    },
    until(match: (e: T) => boolean): Promise<void> {
      if (seen.some(match)) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
  };
}

describe.each(testEngines())("the background runner on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let modelId: string;
  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 5 });
    modelId = (await createModel(database.db, { name: "bg fake", provider: "openai", baseUrl: fake.url, modelId: "fake-chimed" })).id;
    await saveSuite(database.db, {
      suite: {
        id: "bg-mcq",
        name: { en: "Background", zh: "后台" },
        taskKind: "mcq",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: Array.from({ length: 100 }, (_, i) => ({
          externalId: `q${i}`,
          split: "test" as const,
          input: { question: `问题${i}`, options: { A: "甲", B: "乙" } },
          gold: { answer: "A" },
        })),
      },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    await fake?.close();
    await database?.dispose();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const queue = (limit: number, model = modelId) => startRun(database.db, { modelId: model, suiteId: "bg-mcq", settings: { limit } });
  /** Leaves a run that a test did not finish unclaimable, so the next test's runner does not pick it up. */
  const retire = (id: string) => setRunStatus(database.db, { id, status: "cancelled" });

  it("works on the runs waiting at start, then on a run found by a poke and one found by its timer's tick", async () => {
    const first = await queue(3);
    const second = await queue(2);
    const setInterval = vi.spyOn(globalThis, "setInterval");
    const clearInterval = vi.spyOn(globalThis, "clearInterval");
    let tick: () => void = () => {};
    // The runner's own timer (the first one set from here on) is taken by the test, which ticks it by hand.
    setInterval.mockImplementationOnce(((callback: () => void) => {
      tick = callback;
      return globalThis.setTimeout(() => {}, NEVER_MS);
    }) as typeof globalThis.setInterval);
    const outcomes = events<[string, string]>();
    const runner = startBackgroundRunner({ db: database.db, owner: "bg-test-1", onOutcome: (id, outcome) => outcomes.push([id, outcome]) });
    try {
      expect(setInterval.mock.calls[0][1]).toBe(1000);
      expect((setInterval.mock.results[0].value as NodeJS.Timeout).hasRef()).toBe(false);
      await outcomes.until(([id]) => id === first.id);
      await outcomes.until(([id]) => id === second.id);

      const poked = await queue(2);
      runner.poke();
      await outcomes.until(([id]) => id === poked.id);
      const ticked = await queue(2);
      tick();
      await outcomes.until(([id]) => id === ticked.id);

      for (const run of [first, second, poked, ticked]) {
        expect(outcomes.seen.filter(([id]) => id === run.id)).toEqual([[run.id, "completed"]]);
        expect((await getRun(database.db, { id: run.id }))!.status).toBe("completed");
      }
    } finally {
      await runner.stop();
    }
    expect(clearInterval).toHaveBeenCalledWith(setInterval.mock.results[0].value);
  });

  it("starts one executeRun per run however often it is poked, and on stop hands every lease back before it returns", async () => {
    const held = await startServer({ seed: 5 });
    held.hold();
    const slow = (await createModel(database.db, { name: "bg held", provider: "openai", baseUrl: held.url, modelId: "fake-chimed", concurrency: 1 })).id;
    // 100 items, claimed 64 at a time: the run stays claimable while its runner waits on its first answer.
    const busy = await queue(100, slow);
    const outcomes = events<[string, string]>();
    const runner = startBackgroundRunner({ db: database.db, owner: "bg-test-2", intervalMs: NEVER_MS, onOutcome: (id, o) => outcomes.push([id, o]) });
    await held.whenInFlight(1);
    // Runs are scanned in the order they were created, and each is started within the scan's loop: once a
    // second request is in flight, the poke's scan has passed the busy run and started the later one.
    const later = await queue(1, slow);
    runner.poke();
    await held.whenInFlight(2);
    expect(vi.mocked(executeRun).mock.calls.filter(([options]) => options.runId === busy.id)).toHaveLength(1);
    expect(await countLeasedItems(database.db, { runId: busy.id })).toBe(64);

    await runner.stop();
    expect(outcomes.seen.filter(([id]) => id === busy.id || id === later.id).sort()).toEqual(
      [
        [busy.id, "stopped"],
        [later.id, "stopped"],
      ].sort(),
    );
    expect(await countLeasedItems(database.db, { runId: busy.id })).toBe(0);
    await retire(busy.id);
    await retire(later.id);
  });

  it("reports a failed scan with run '-', by default on the console", async () => {
    const away = new Error("database away");
    const failing = new Proxy(database.db, {
      get: (target, prop, receiver) => (prop === "execute" ? () => Promise.reject(away) : Reflect.get(target, prop, receiver)),
    }) as Db;
    const errors = events<[unknown, string]>();
    const reported = startBackgroundRunner({ db: failing, owner: "bg-test-3", intervalMs: NEVER_MS, onError: (e, id) => errors.push([e, id]) });
    await errors.until(() => true);
    await reported.stop();
    expect(errors.seen).toEqual([[away, "-"]]);

    const logged = events<unknown[]>();
    vi.spyOn(console, "error").mockImplementation((...args) => logged.push(args));
    const quiet = startBackgroundRunner({ db: failing, owner: "bg-test-3", intervalMs: NEVER_MS });
    await logged.until(() => true);
    await quiet.stop();
    expect(logged.seen).toEqual([["[chimed] runner error on run -:", away]]);

    // Stopped, it scans no more: a poke would report the failing scan again within this turn of the event loop.
    reported.poke();
    await new Promise(setImmediate);
    expect(errors.seen).toHaveLength(1);
  });

  it("starts nothing from a scan that was under way when it stopped", async () => {
    const run = await queue(2);
    let open: () => void = () => {};
    let answered: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const queried = new Promise<void>((resolve) => (answered = resolve));
    // The scan's query answers, then waits for the test: the runner is stopped while its scan is under way.
    const gated = new Proxy(database.db, {
      get: (target, prop, receiver) =>
        prop === "execute"
          ? async (...args: Parameters<Db["execute"]>) => {
              const rows = await target.execute(...args);
              answered();
              await gate;
              return rows;
            }
          : Reflect.get(target, prop, receiver),
    }) as Db;
    const before = vi.mocked(executeRun).mock.calls.length;
    const runner = startBackgroundRunner({ db: gated, owner: "bg-test-5", intervalMs: NEVER_MS });
    await queried;
    await runner.stop();
    open();
    await new Promise(setImmediate);
    expect(vi.mocked(executeRun).mock.calls.slice(before)).toEqual([]);
    await retire(run.id);
  });

  it("needs no outcome listener: a run it finishes is not reported as an error", async () => {
    const run = await queue(2);
    const errors: [unknown, string][] = [];
    const runner = startBackgroundRunner({ db: database.db, owner: "bg-test-6", intervalMs: NEVER_MS, onError: (e, id) => errors.push([e, id]) });
    try {
      await vi.waitFor(() => expect(vi.mocked(executeRun).mock.calls.some(([o]) => o.runId === run.id)).toBe(true), { timeout: 60_000 });
      const call = vi.mocked(executeRun).mock.calls.findIndex(([o]) => o.runId === run.id);
      expect(await vi.mocked(executeRun).mock.results[call].value).toBe("completed");
    } finally {
      // stop() waits for each run's outcome handling, so an error it raised has been reported by now.
      await runner.stop();
    }
    expect(errors).toEqual([]);
    expect((await getRun(database.db, { id: run.id }))!.status).toBe("completed");
  });

  it("reports a run whose executeRun fails with its id, and takes the run up again at the next scan", async () => {
    const run = await queue(2);
    const broken = new Error("select refused");
    // Scans (execute) work; executeRun's first read of the run (select) fails.
    const failing = new Proxy(database.db, {
      get: (target, prop, receiver) =>
        prop === "select"
          ? () => {
              throw broken;
            }
          : Reflect.get(target, prop, receiver),
    }) as Db;
    const errors = events<[unknown, string]>();
    const outcomes: string[] = [];
    const runner = startBackgroundRunner({
      db: failing,
      owner: "bg-test-4",
      intervalMs: NEVER_MS,
      onError: (e, id) => errors.push([e, id]),
      onOutcome: (id) => outcomes.push(id),
    });
    try {
      await errors.until(([, id]) => id === run.id);
      runner.poke();
      await errors.until(() => errors.seen.filter(([, id]) => id === run.id).length === 2);
      expect(errors.seen.filter(([, id]) => id === run.id)).toEqual([
        [broken, run.id],
        [broken, run.id],
      ]);
      expect(outcomes).not.toContain(run.id);
    } finally {
      await runner.stop();
      await retire(run.id);
    }
  });
});
