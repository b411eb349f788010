import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/leaderboard/route";
import { POST as PIN } from "@/app/api/leaderboard/pins/route";
import { DELETE as UNPIN } from "@/app/api/leaderboard/pins/[runId]/route";
import { listAudit } from "@/lib/db/queries/audit-log";
import { createModel } from "@/lib/db/queries/models";
import { runs, suites } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { sampleCallers } from "@/lib/http/route-fixtures";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute } from "@/lib/http/route-testing";
import { resolveSettings } from "@/lib/tasks/settings";

describe.each(testEngines({ only: ["pglite"] }))("leaderboard API on $name", (engine) => {
  let database: TestDatabase;
  let runId: string;
  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async () => sampleCallers.researcher;
    const { db } = database;
    await db.insert(suites).values({ id: "api-mcq", name: { en: "API suite", zh: "接口测试集" }, taskKind: "mcq", licence: "CC0", source: "t", version: "v1", testCount: 10 });
    const model = await createModel(db, { name: "=cmd|' /C calc'!A0", provider: "openai", baseUrl: "https://user:canary-password@example.test/v1", modelId: "m" });
    [{ id: runId }] = await db
      .insert(runs)
      .values({
        modelId: model.id,
        suiteId: "api-mcq",
        suiteVersion: "v1",
        settings: resolveSettings("mcq", {}),
        configHash: "h",
        status: "completed",
        total: 10,
        itemCount: 10,
        suiteItemCount: 10,
        metrics: { accuracy: 0.7 },
        ci: { accuracy: [0.5, 0.9] },
        summary: { done: 10, errors: 0 },
        finishedAt: new Date(),
      })
      .returning();
  }, 120_000);
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  const get = (query: string) => callRoute(GET, { method: "GET", pattern: "/api/leaderboard", params: {}, query });

  it("exports the filtered view as CSV for Excel (BOM, formulas defused) and as JSON, without the server address", async () => {
    const csv = await get("?format=csv&task=mcq&origin=measured&locale=zh-CN");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain('filename="leaderboard.csv"');
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("接口测试集");
    expect(text).toContain(",'=cmd|' /C calc'!A0,");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
    const json = await (await get("?format=json&origin=measured")).json();
    expect(json.format).toBe("chimed-leaderboard/1");
    expect(json.sections[0].rows[0].cells["api-mcq::accuracy"]).toMatchObject({ value: 70, ci: [50, 90], n: 10, runId });
    for (const body of [text, JSON.stringify(json)]) {
      expect(body).not.toContain("canary-password");
      expect(body).not.toContain("example.test");
    }
    expect((await get("?format=xml")).status).toBe(400);
  });

  it("pins and unpins a run (audited), and answers 404 for a run that cannot be pinned", async () => {
    const headers = { "content-type": "application/json" };
    const pin = (id: string) => callRoute(PIN, { method: "POST", pattern: "/api/leaderboard/pins", params: {}, body: JSON.stringify({ runId: id }), headers });
    expect((await pin(runId)).status).toBe(201);
    const pinned = await (await get("?fill=pinned&origin=measured")).json();
    expect(pinned.sections[0].rows[0].cells["api-mcq::accuracy"]).toMatchObject({ runId, pinned: true });
    const missing = await pin("00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_pinnable" });
    expect((await pin("nope")).status).toBe(400);
    const unpin = () => callRoute(UNPIN, { method: "DELETE", pattern: "/api/leaderboard/pins/[runId]", params: { runId } });
    expect((await unpin()).status).toBe(200);
    expect((await unpin()).status).toBe(404);
    const actions = (await listAudit(database.db, { limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["leaderboard_pin", "leaderboard_unpin"]));
  });
});
