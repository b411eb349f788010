import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { Run } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { sampleCallers } from "@/lib/http/route-fixtures";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, type RouteModule, routeHandlers } from "@/lib/http/route-testing";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { resolveShareCaller } from "./caller";
import { leakedCanaries, seedFinishedRuns } from "./test-fixtures";

async function handler(file: string, method: string) {
  const module: RouteModule = await loadRouteModule(file);
  return { pattern: module.pattern, handler: routeHandlers(module).find(([m]) => m === method)![1] };
}

describe.each(testEngines({ only: ["pglite"] }))("share and export routes on $name", (engine) => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let mcq: Run;
  let mcq2: Run;
  let modelId: string;
  let as: Caller = sampleCallers.researcher;

  beforeAll(async () => {
    database = await engine.open();
    fake = await startFakeOpenAI({ seed: 2 });
    let model;
    ({ mcq, mcq2, model } = await seedFinishedRuns(database.db, fake));
    modelId = model.id;
    // The OG image route opens the app's database itself: point it at this test's.
    (globalThis as { chimedReady?: Promise<unknown> }).chimedReady = Promise.resolve(database.db);
    routeHooks.openDb = async () => database.db;
    // A share token in the path wins, as in production; otherwise the caller the test chose.
    routeHooks.resolveCaller = async (request) => (await resolveShareCaller(request)) ?? as;
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    (globalThis as { chimedReady?: Promise<unknown> }).chimedReady = undefined;
    await fake?.close();
    await database?.dispose();
  });

  const json = { "content-type": "application/json", origin: "http://127.0.0.1" };

  it("creates a link, serves its JSON to its share caller only, and 404s once revoked", async () => {
    as = sampleCallers.researcher;
    const create = await handler("app/api/shares/route.ts", "POST");
    const created = await callRoute(create.handler, { method: "POST", pattern: create.pattern, params: {}, headers: json, body: JSON.stringify({ kind: "run", target: { runId: mcq.id }, includeItems: true, label: "for review" }) });
    expect(created.status).toBe(201);
    const { token, path, link } = await created.json();
    expect(path).toBe(`/s/${token}`);

    const view = await handler("app/api/s/[token]/route.ts", "GET");
    const opened = await callRoute(view.handler, { method: "GET", pattern: view.pattern, params: { token } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("x-robots-tag")).toBe("noindex");
    const body = await opened.text();
    expect(JSON.parse(body).metrics.length).toBeGreaterThan(0);
    expect(leakedCanaries(body)).toEqual([]);
    // Someone else's token in the path, or none: the same 404.
    for (const other of ["A".repeat(43), "x"]) {
      const response = await callRoute(view.handler, { method: "GET", pattern: view.pattern, params: { token: other } });
      expect(response.status).toBe(404);
    }

    const list = await handler("app/api/shares/route.ts", "GET");
    const mine = await (await callRoute(list.handler, { method: "GET", pattern: list.pattern, params: {} })).json();
    expect(mine.links.find((l: { id: string }) => l.id === link.id)).toMatchObject({ viewCount: 0, label: "for review" });
    expect(JSON.stringify(mine)).not.toContain(token);

    const revoke = await handler("app/api/shares/[id]/route.ts", "DELETE");
    as = { kind: "researcher", userId: "someone-else", singleUser: false };
    expect((await callRoute(revoke.handler, { method: "DELETE", pattern: revoke.pattern, params: { id: link.id }, headers: json })).status).toBe(404);
    as = sampleCallers.researcher;
    expect((await callRoute(revoke.handler, { method: "DELETE", pattern: revoke.pattern, params: { id: link.id }, headers: json })).status).toBe(200);
    expect((await callRoute(view.handler, { method: "GET", pattern: view.pattern, params: { token } })).status).toBe(404);
  });

  it("creates and serves comparison, model and leaderboard links, page data and OG image free of secrets and ids", async () => {
    as = sampleCallers.researcher;
    const create = await handler("app/api/shares/route.ts", "POST");
    const view = await handler("app/api/s/[token]/route.ts", "GET");
    const og = (await import("@/app/s/[token]/og/route")).GET;
    for (const [kind, target] of [
      ["comparison", { runIds: [mcq.id, mcq2.id] }],
      ["model", { modelId }],
      ["leaderboard", { filters: { origin: "measured" } }],
    ] as const) {
      const created = await callRoute(create.handler, { method: "POST", pattern: create.pattern, params: {}, headers: json, body: JSON.stringify({ kind, target }) });
      expect(created.status, kind).toBe(201);
      const { token } = await created.json();
      const opened = await callRoute(view.handler, { method: "GET", pattern: view.pattern, params: { token } });
      expect(opened.status, kind).toBe(200);
      const body = await opened.text();
      expect(JSON.parse(body).kind).toBe(kind);
      expect(leakedCanaries(body), kind).toEqual([]);
      for (const id of [mcq.id, mcq2.id, modelId]) expect(body, kind).not.toContain(id);
      const image = await og(new Request(`http://127.0.0.1/s/${token}/og`), { params: Promise.resolve({ token }) });
      expect(image.status, kind).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await image.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(leakedCanaries(png.toString("latin1")), kind).toEqual([]);
    }
  });

  it("answers invalid targets of the new kinds with a clear 4xx", async () => {
    as = sampleCallers.researcher;
    const create = await handler("app/api/shares/route.ts", "POST");
    for (const [kind, target, status] of [
      ["leaderboard", { filters: 3 }, 400],
      ["comparison", { runIds: [mcq.id] }, 400],
      ["comparison", { runIds: [mcq.id, "00000000-0000-4000-8000-000000000000"] }, 404],
      ["model", {}, 400],
      ["model", { modelId: "00000000-0000-4000-8000-000000000000" }, 404],
    ] as const) {
      const response = await callRoute(create.handler, { method: "POST", pattern: create.pattern, params: {}, headers: json, body: JSON.stringify({ kind, target }) });
      expect(response.status, `${kind} ${JSON.stringify(target)}`).toBe(status);
      expect((await response.json()).error).toMatch(/^target: /);
    }
  });

  it("streams an export and imports it back through the routes", async () => {
    as = sampleCallers.researcher;
    const exporter = await handler("app/api/runs/[id]/export/route.ts", "GET");
    const csv = await callRoute(exporter.handler, { method: "GET", pattern: exporter.pattern, params: { id: mcq.id }, query: "?format=csv" });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"/);
    // The byte-order mark Excel needs (text() would decode it away).
    expect([...new Uint8Array(await csv.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const bad = await callRoute(exporter.handler, { method: "GET", pattern: exporter.pattern, params: { id: mcq.id }, query: "?format=xml" });
    expect(bad.status).toBe(400);

    const file = await (await callRoute(exporter.handler, { method: "GET", pattern: exporter.pattern, params: { id: mcq.id }, query: "?format=json" })).text();
    const importer = await handler("app/api/runs/import/route.ts", "POST");
    const form = new FormData();
    form.set("file", new File([file], "mcq.json", { type: "application/json" }));
    const imported = await callRoute(importer.handler, { method: "POST", pattern: importer.pattern, params: {}, headers: { origin: "http://127.0.0.1" }, body: form });
    expect(imported.status).toBe(201);
    expect((await imported.json()).metrics).toEqual(mcq.metrics);
    const broken = await callRoute(importer.handler, { method: "POST", pattern: importer.pattern, params: {}, headers: json, body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/^line 1: not valid JSON/);
  });
});
