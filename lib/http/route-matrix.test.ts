import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allowedKinds } from "@/lib/auth/access";
import { callerKinds } from "@/lib/auth/caller";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { seedRouteTargets, sampleCallers, segmentValues } from "./route-fixtures";
import { routeHooks } from "./route-hooks";
import { callRoute, dynamicSegments, findRouteFiles, loadRouteModule, type RouteModule, routeHandlers } from "./route-testing";

// Run actions poke the app's background runner; here there is none to poke.
vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

const files = findRouteFiles("app/api");

describe.each(testEngines())("every route answers every kind of caller as its access says, on $name", (engine) => {
  let database: TestDatabase;
  let modules: RouteModule[];
  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    modules = await Promise.all(files.map(loadRouteModule));
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  it.each(callerKinds)("as %s", async (kind) => {
    routeHooks.resolveCaller = async () => sampleCallers[kind];
    const targets = await seedRouteTargets(database.db, kind);
    const answers: string[] = [];
    let ok = 0;
    // Deletions last, so every other route still finds the seeded objects.
    const calls = modules
      .flatMap((module) => routeHandlers(module).map(([method, handler]) => ({ module, method, handler })))
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const { module, method, handler } of calls) {
      {
        const params = segmentValues(dynamicSegments(module.pattern), targets);
        const response = await callRoute(handler, {
          method,
          pattern: module.pattern,
          params,
          body: "{}",
          headers: { "content-type": "application/json" },
        });
        const allowed = allowedKinds(handler.access).includes(kind);
        const label = `${method} ${module.pattern} → ${response.status}`;
        answers.push(label);
        if (!allowed) {
          expect(response.status, label).toBe(kind === "anonymous" ? 401 : 403);
          expect((await response.json()).code, label).toBe(kind === "anonymous" ? "unauthenticated" : "forbidden");
        } else {
          expect([401, 403], label).not.toContain(response.status);
          expect(response.status, label).toBeLessThan(500);
          if (response.status === 200) ok++;
        }
      }
    }
    expect(answers.length).toBeGreaterThan(15);
    // Allowed callers get real answers (not just validation errors): the seeded run, model and suite are found.
    if (kind === "admin") expect(ok).toBeGreaterThanOrEqual(8);
  });
});
