import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openDatabase } from "@/lib/db/client";
import { freePort } from "@/lib/free-port";
import { missingId, sampleCallers } from "./route-fixtures";
import { routeHooks } from "./route-hooks";
import { callRoute, dynamicSegments, findRouteFiles, loadRouteModule, type RouteModule, routeHandlers } from "./route-testing";

vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

/** A GET whose required query is missing (400) or which this caller may not call (403) answers before any query. */
const refusedBeforeTheDatabase = (s: { status: number; code?: string }) =>
  (s.status === 400 && s.code === "invalid_input") || (s.status === 403 && s.code === "forbidden");

describe("while the database is down every API route answers 503, never 500", () => {
  let modules: RouteModule[];
  let unreachable: Database;
  beforeAll(async () => {
    routeHooks.resolveCaller = async () => sampleCallers.admin;
    modules = await Promise.all(findRouteFiles("app/api").map(loadRouteModule));
    // A PostgreSQL URL on a loopback port where nothing listens: every query is refused.
    unreachable = openDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/down` });
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await unreachable.close();
  });

  async function answers() {
    const statuses: { label: string; status: number; code?: string }[] = [];
    for (const module of modules) {
      for (const [method, handler] of routeHandlers(module)) {
        const params = Object.fromEntries(dynamicSegments(module.pattern).map(({ name }) => [name, name === "itemId" ? "1" : missingId]));
        const response = await callRoute(handler, { method, pattern: module.pattern, params, body: "{}", headers: { "content-type": "application/json" } });
        statuses.push({ label: `${method} ${module.pattern}`, status: response.status, code: (await response.json().catch(() => ({}))).code });
      }
    }
    return statuses;
  }

  it("when the database cannot be opened", async () => {
    routeHooks.openDb = async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    };
    const statuses = await answers();
    // Input the route refuses is still a 4xx; everything else waits for the database.
    expect(statuses.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    const gets = statuses.filter((s) => s.label.startsWith("GET") && !refusedBeforeTheDatabase(s));
    expect(gets.filter((s) => s.status !== 503 && s.label !== "GET /api/audits")).toEqual([]);
    expect(gets.find((s) => s.label === "GET /api/runs")?.code).toBe("database_unavailable");
  });

  it("when its connection is refused mid-request, logging no query parameter", async () => {
    routeHooks.openDb = async () => unreachable.db;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const statuses = await answers();
    const runs = modules.find((m) => m.pattern === "/api/runs")!;
    const canary = await callRoute(runs.exports.GET as never, { method: "GET", pattern: "/api/runs", params: {}, query: "?suite=canary-7f3a" });
    expect(canary.status).toBe(503);
    const lines = logged.mock.calls.map((args) => args.map(String).join(" "));
    logged.mockRestore();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes("canary-7f3a") || line.includes("params:"))).toEqual([]);
    expect(statuses.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    // GET /api/models/onnx lists model folders on disk and reads no table: it answers while the database is away.
    const exempt = ["GET /api/audits", "GET /api/models/onnx"];
    const gets = statuses.filter((s) => s.label.startsWith("GET") && !exempt.includes(s.label) && !refusedBeforeTheDatabase(s));
    expect(gets.filter((s) => s.status !== 503)).toEqual([]);
  });
});
