import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { sampleCallers, seedRouteTargets, segmentValues } from "./route-fixtures";
import { routeHooks } from "./route-hooks";
import { callRoute, dynamicSegments, findRouteFiles, loadRouteModule, type RouteModule, routeHandlers } from "./route-testing";

vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

/** Values a hostile or careless client sends: wrong types, edges of Unicode, sizes just past any sane bound. */
const oddValues: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "😀".repeat(500),
  "%ff",
  "../../etc/passwd",
  "' or 1=1 --",
  "x".repeat(70_000),
  [],
  Array.from({ length: 70_000 }, (_, i) => `s${i}`),
  {},
  { __proto__: { polluted: true } },
];

const oddStrings = oddValues.filter((v): v is string => typeof v === "string");

const malformedBodies = ["", "{", "nul", "null", "[]", "\"text\"", "123", "[".repeat(100_000), "{\"a\":" + "1".repeat(400) + "}", "\u0000"];

/** A plausible value per field name, so one odd field at a time gets past the others. */
const plausible: Record<string, unknown> = {
  name: "fuzz model",
  baseUrl: "http://127.0.0.1:1/v1",
  modelId: "m",
  suiteId: "door-fuzz",
  settings: { limit: 1 },
};

function objectKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : [];
}

function bodiesFor(schema: unknown, targets: Record<string, string>): string[] {
  const keys = objectKeys(schema);
  const base = Object.fromEntries(keys.filter((k) => k in plausible).map((k) => [k, plausible[k]]));
  if (keys.includes("modelId") && "suiteId" in base) base.modelId = targets["models/id"];
  const bodies = [...malformedBodies, JSON.stringify(base)];
  for (const key of keys) {
    for (const value of oddValues) bodies.push(JSON.stringify({ ...base, [key]: value }));
  }
  if (keys.includes("settings")) {
    for (const key of ["limit", "subsets", "shots", "samples", "temperature", "systemPrompt", "concurrency", "unknown"]) {
      for (const value of oddValues) bodies.push(JSON.stringify({ ...base, settings: { [key]: value } }));
    }
  }
  return bodies;
}

function queriesFor(schema: unknown): string[] {
  const queries = ["", "?=", "?%ff=%ff", "?a=1&a=2"];
  for (const key of objectKeys(schema)) {
    for (const value of oddStrings) queries.push(`?${key}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"))}`);
    queries.push(`?${key}=%ff`, `?${key}=%00`);
  }
  return queries;
}

describe.each(testEngines())("fuzzing every route finds no 5xx, on $name", (engine) => {
  let database: TestDatabase;
  let targets: Record<string, string>;
  let modules: RouteModule[];
  beforeAll(async () => {
    database = await engine.open();
    targets = await seedRouteTargets(database.db, "fuzz");
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async () => sampleCallers.admin;
    modules = await Promise.all(findRouteFiles("app/api").map(loadRouteModule));
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  it("sends malformed JSON, wrong types, oversized and Unicode-edge values everywhere", async () => {
    const failures: string[] = [];
    let sent = 0;
    const calls = modules
      .flatMap((module) => routeHandlers(module).map(([method, handler]) => ({ module, method, handler })))
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const { module, method, handler } of calls) {
      const segments = dynamicSegments(module.pattern);
      const seeded = segmentValues(segments, targets);
      const send = async (params: Record<string, string>, query: string, body: string | undefined, headers = { "content-type": "application/json" }) => {
        sent++;
        const response = await callRoute(handler, { method, pattern: module.pattern, params, query, body, headers });
        if (response.status >= 500) failures.push(`${method} ${module.pattern} ${JSON.stringify(params).slice(0, 80)} ${query.slice(0, 60)} ${String(body).slice(0, 80)} → ${response.status} ${(await response.text()).slice(0, 200)}`);
      };
      for (const segment of segments) {
        for (const value of [...oddStrings, "%ff", "%2e%2e"]) await send({ ...seeded, [segment.name]: value }, "", "{}");
      }
      for (const query of queriesFor(handler.spec.query)) await send(seeded, query, "{}");
      const body = handler.spec.body;
      if (body && body !== "raw") {
        for (const text of bodiesFor(body, targets)) await send(seeded, "", text);
      }
      if (body === "raw") {
        await send(seeded, "", "--x\r\nnot multipart", { "content-type": "multipart/form-data; boundary=x" });
        await send(seeded, "", "\u0000".repeat(1000), { "content-type": "application/octet-stream" });
      }
      if (method !== "GET") await send(seeded, "", "{}", { "content-type": "text/plain" });
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  });
});
