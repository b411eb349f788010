import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listRunItemRecords } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { saveSuite } from "@/lib/db/queries/suites";
import { loadBundledSuites } from "@/lib/suites/bundled";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, type RouteModule } from "@/lib/http/route-testing";
import { executeRun } from "@/lib/runner/execute-run";
import { startRun } from "@/lib/runner/start-run";
import { writeTinyModel } from "@/scripts/tiny-model/build";

vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

let root: string;
const savedRoot = env.CHIMED_ONNX_DIR;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "onnx-models-"));
  writeTinyModel(path.join(root, "org/tiny"));
  mkdirSync(path.join(root, "empty"));
  env.CHIMED_ONNX_DIR = root;
});
afterAll(() => {
  env.CHIMED_ONNX_DIR = savedRoot;
  rmSync(root, { recursive: true, force: true });
});

describe.each(testEngines({ only: ["pglite", "postgres"] }))("ONNX models on this server, on $name", (engine) => {
  let database: TestDatabase;
  let module: RouteModule;
  beforeAll(async () => {
    database = await engine.open();
    // CMMLU's dev items and a few test items: enough for a run, a fraction of the seeding time.
    const { suite, hash } = (await loadBundledSuites()).find((b) => b.suite.id === "cmmlu-medical")!;
    const items = [...suite.items.filter((i) => i.split === "dev"), ...suite.items.filter((i) => i.split === "test").slice(0, 8)];
    await saveSuite(database.db, { suite: { ...suite, items }, version: `${hash}-first-8`, bundled: true });
    routeHooks.openDb = async () => database.db;
    module = await loadRouteModule("app/api/models/onnx/route.ts");
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    await database?.dispose();
  });

  const call = async (method: "GET" | "POST", body?: unknown) => {
    const response = await callRoute(module.exports[method] as never, {
      method,
      pattern: module.pattern,
      params: {},
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    return { status: response.status, body: await response.json() };
  };

  it("lists the model folders relative to the root, registers one, and refuses a path out of the root with 400", async () => {
    expect((await call("GET")).body).toEqual({ folders: [{ dir: "org/tiny", dtypes: ["fp32"] }] });
    const added = await call("POST", { name: `tiny ${engine.name}`, dir: "org/tiny" });
    expect(added.status).toBe(201);
    expect(added.body.model).toMatchObject({ provider: "onnx-local", modelId: "org/tiny", params: { dtype: "fp32" }, concurrency: 1 });
    expect((await call("POST", { name: `tiny ${engine.name}`, dir: "org/tiny" })).status).toBe(409);
    for (const dir of ["../", root, "org/../../etc", "empty"]) {
      const refused = await call("POST", { name: "x", dir });
      expect(refused.status, dir).toBe(400);
      expect(refused.body.code).toBe("bad_model_dir");
    }
    expect((await call("POST", { name: "x", dir: "org/tiny", dtype: "q4f16" })).body.error).toMatch(/no q4f16 model file/);

    const test = await loadRouteModule("app/api/models/[id]/test/route.ts");
    const check = await callRoute(test.exports.POST as never, { method: "POST", pattern: test.pattern, params: { id: added.body.model.id } });
    expect(await check.json()).toMatchObject({ ok: true, models: ["tiny"] });

    // The app's runner runs it from the root: a few mcq items, each answered by the tiny model.
    const run = await startRun(database.db, { modelId: added.body.model.id, suiteId: "cmmlu-medical", settings: { limit: 4, maxTokens: 4 } });
    expect(await executeRun({ db: database.db, runId: run.id })).toBe("completed");
    expect((await getRun(database.db, { id: run.id }))?.status).toBe("completed");
    const rows = await listRunItemRecords(database.db, { runId: run.id });
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done", "done"]);
    expect(rows.every((r) => typeof r.rawResponse === "string")).toBe(true);
  });
});
