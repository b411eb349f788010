import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { seedRouteTargets } from "@/lib/http/route-fixtures";
import { addModel } from "@/lib/models/service";
import { checkConcurrency, checkRunSize } from "./caps";
import { startRun } from "./start-run";

describe("cap checks", () => {
  const caps = { maxConcurrency: 8, maxRunItems: 100 };

  it("allow exactly the cap and refuse one more, saying what the cap is and which variable sets it", () => {
    expect(() => checkRunSize(100, caps)).not.toThrow();
    expect(() => checkRunSize(101, caps)).toThrow(
      expect.objectContaining({ status: 400, code: "cap_exceeded", details: { cap: 100, requests: 101 }, message: expect.stringContaining("CHIMED_MAX_RUN_ITEMS") }),
    );
    expect(() => checkConcurrency(8, caps)).not.toThrow();
    expect(() => checkConcurrency(null, caps)).not.toThrow();
    expect(() => checkConcurrency(9, caps)).toThrow(
      expect.objectContaining({ status: 400, code: "cap_exceeded", details: { cap: 8 }, message: expect.stringMatching(/concurrency 9 .*cap of 8 \(CHIMED_MAX_CONCURRENCY\)/) }),
    );
  });
});

describe.each(testEngines())("deployment caps on concurrency and run size, on $name", (engine) => {
  let database: TestDatabase;
  let targets: Record<string, string>;
  const caps = { maxConcurrency: 4, maxRunItems: 5 };
  beforeAll(async () => {
    database = await engine.open();
    targets = await seedRouteTargets(database.db, "caps");
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const start = (settings: Record<string, unknown>) =>
    startRun(database.db, { modelId: targets["models/id"], suiteId: "door-caps", settings }, { caps });

  it("refuses a run that would queue more requests than the cap (3 items × 2 samples > 5)", async () => {
    await expect(start({ samples: 2 })).rejects.toMatchObject({ status: 400, code: "cap_exceeded", message: expect.stringMatching(/6 requests.*cap of 5/) });
  });

  it("counts the limit and the subsets, not the whole suite", async () => {
    await expect(start({ samples: 2, limit: 2 })).resolves.toMatchObject({ total: 4 });
    await expect(start({ samples: 2, subsets: ["内科"], limit: 1 })).resolves.toMatchObject({ total: 2 });
  });

  it("refuses a run concurrency above the cap", async () => {
    await expect(start({ concurrency: 5, limit: 1 })).rejects.toMatchObject({ code: "cap_exceeded" });
    await expect(start({ concurrency: 4, limit: 1 })).resolves.toBeTruthy();
  });

  it("without caps (command line, bench) nothing is refused", async () => {
    await expect(startRun(database.db, { modelId: targets["models/id"], suiteId: "door-caps", settings: { samples: 2, concurrency: 500 } })).resolves.toMatchObject({ total: 6 });
  });

  it("a model's concurrency above the deployment's cap (64 by default) is refused at registration", async () => {
    const body = { name: "greedy", baseUrl: "http://127.0.0.1:1/v1", modelId: "m", params: {}, timeoutMs: 5000 };
    await expect(addModel(database.db, { ...body, concurrency: 1024 })).rejects.toMatchObject({ code: "cap_exceeded" });
    await expect(addModel(database.db, { ...body, concurrency: 64 })).resolves.toMatchObject({ concurrency: 64 });
  });
});
