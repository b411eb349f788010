import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { missingId, seedRouteTargets } from "./route-fixtures";
import { routeHooks } from "./route-hooks";
import { callRoute, loadRouteModule, type RouteModule } from "./route-testing";

vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

const json = { "content-type": "application/json" };

async function load(file: string): Promise<RouteModule> {
  return loadRouteModule(`app/api/${file}/route.ts`);
}

describe.each(testEngines())("bad requests get a clear 4xx, on $name", (engine) => {
  let database: TestDatabase;
  let targets: Record<string, string>;
  const modules: Record<string, RouteModule> = {};
  beforeAll(async () => {
    database = await engine.open();
    targets = await seedRouteTargets(database.db, "bad");
    routeHooks.openDb = async () => database.db;
    for (const file of ["models", "models/[id]", "runs", "runs/[id]/[action]", "runs/[id]/items", "audits/[runId]"]) {
      modules[file] = await load(file);
    }
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    await database?.dispose();
  });

  async function call(file: string, method: string, init: { params?: Record<string, string>; body?: string; headers?: Record<string, string>; query?: string } = {}) {
    const module = modules[file];
    const response = await callRoute(module.exports[method] as never, {
      method,
      pattern: module.pattern,
      params: init.params ?? {},
      body: init.body,
      headers: init.headers ?? json,
      query: init.query,
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  }

  const model = (over: Record<string, unknown>) => JSON.stringify({ name: "m", baseUrl: "http://127.0.0.1:1/v1", modelId: "x", ...over });

  it.each(["cancel", "resume", "retry-errors"])("%s with an id that is not a UUID answers 404", async (action) => {
    const answer = await call("runs/[id]/[action]", "POST", { params: { id: "not-a-uuid", action } });
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe("not_found");
  });

  it("an unknown run action answers 404", async () => {
    expect((await call("runs/[id]/[action]", "POST", { params: { id: targets["runs/id"], action: "explode" } })).status).toBe(404);
  });

  it("the items of a run that does not exist answer 404, not an empty page", async () => {
    expect((await call("runs/[id]/items", "GET", { params: { id: "garbage" } })).status).toBe(404);
    expect((await call("runs/[id]/items", "GET", { params: { id: missingId } })).status).toBe(404);
    expect((await call("runs/[id]/items", "GET", { params: { id: targets["runs/id"] } })).status).toBe(200);
  });

  it("an undecodable or odd path segment names nothing", async () => {
    for (const id of ["%ff", "\u0000", "\ud800", "../../etc/passwd", "x".repeat(5000)]) {
      expect((await call("audits/[runId]", "GET", { params: { runId: id } })).status).toBe(404);
    }
  });

  it.each([
    ["NUL", "a\u0000b", /NUL/],
    ["a lone surrogate", "a\ud800b", /surrogate/],
    ["a name too long", "x".repeat(121), /120/],
  ])("a model name with %s is refused with a message", async (_, name, message) => {
    const answer = await call("models", "POST", { body: model({ name }) });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_input");
    expect(answer.body.error).toMatch(message);
  });

  it("renaming a model to a taken name answers 409", async () => {
    const other = await call("models", "POST", { body: model({ name: "taken-name" }) });
    expect(other.status).toBe(201);
    const answer = await call("models/[id]", "PATCH", { params: { id: targets["models/id"] }, body: JSON.stringify({ name: "taken-name" }) });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("name_taken");
  });

  it("70,000 subsets are refused before they reach the database", async () => {
    const subsets = Array.from({ length: 70_000 }, (_, i) => `s${i}`);
    const answer = await call("runs", "POST", { body: JSON.stringify({ modelId: missingId, suiteId: "door-bad", settings: { subsets } }) });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/1000/);
  });

  it("a subset that matches nothing answers 400 naming the reason", async () => {
    const answer = await call("runs", "POST", {
      body: JSON.stringify({ modelId: targets["models/id"], suiteId: "door-bad", settings: { subsets: ["外科 (typo)"] } }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/unknown subset "外科 \(typo\)".*valid subsets: 内科/);
  });

  it("NUL in a subset filter of the items page is refused", async () => {
    const answer = await call("runs/[id]/items", "GET", { params: { id: targets["runs/id"] }, query: "?subset=%00" });
    expect(answer.status).toBe(400);
  });

  it("a JSON body over 1 MB answers 413, whatever its declared length", async () => {
    const big = model({ name: "x".repeat(1024 * 1024) });
    expect((await call("models", "POST", { body: big })).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const module = modules.models;
    const request = new Request("http://127.0.0.1/api/models", { method: "POST", headers: json, body: stream, duplex: "half" } as RequestInit);
    const response = await (module.exports.POST as (r: Request) => Promise<Response>)(request);
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe("payload_too_large");
  });

  it("a body that is not declared as JSON answers 415, and malformed JSON 400", async () => {
    const plain = await call("models", "POST", { body: model({}), headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    const malformed = await call("models", "POST", { body: "{\"name\": " });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("invalid_json");
  });
});
