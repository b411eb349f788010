import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, dynamicSegments, findRouteFiles, loadRouteModule, routeHandlers } from "@/lib/http/route-testing";
import { getRaterTask, insertStudy, listRaterTasks } from "@/lib/db/queries/studies";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { raterCallerOf } from "./rater-caller";
import { issueRater } from "./raters";
import { seedCami } from "./seed-fixtures";

vi.mock("@/lib/app-runner", () => ({ appRunner: async () => ({ poke() {} }) }));

/**
 * A live rater's token against every API route, aimed at another rater, another study and every researcher
 * route (exports included): the only thing it opens is its own rater API.
 */
describe.each(testEngines({ only: ["pglite"] }))("a rater token reaches nothing but its own tasks, on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? { kind: "anonymous" };
    await seedCami(database.db);
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  it("answers 401/403/404 everywhere else", async () => {
    const { db } = database;
    const base = { language: "en", consentText: "ok", itemsPerRater: 1, scaleSuiteIds: ["cami"] };
    const mine = await insertStudy(db, { ...base, title: "mine" });
    const other = await insertStudy(db, { ...base, title: "other" });
    const me = await issueRater(db, mine, { kind: "personal", label: "me" });
    const them = await issueRater(db, other, { kind: "personal", label: "them" });
    const [theirTask] = await listRaterTasks(db, { raterId: them.rater.id });
    expect(await getRaterTask(db, { raterId: me.rater.id, taskId: theirTask.id })).toBeNull();
    const values: Record<string, string> = { token: me.token, id: other.id, raterId: them.rater.id, taskId: theirTask.id };

    const seen: string[] = [];
    for (const file of findRouteFiles("app/api")) {
      const module = await loadRouteModule(file);
      for (const [method, handler] of routeHandlers(module)) {
        const params = Object.fromEntries(dynamicSegments(module.pattern).map(({ name }) => [name, values[name] ?? other.id]));
        const response = await callRoute(handler, {
          method,
          pattern: module.pattern,
          params,
          body: JSON.stringify(module.pattern.includes("[taskId]") ? { kind: "scale_item", position: 0 } : { consent: true }),
          headers: { "content-type": "application/json", origin: "http://127.0.0.1", host: "127.0.0.1" },
        });
        const label = `${method} ${module.pattern} → ${response.status}`;
        seen.push(label);
        const ownRaterApi = module.pattern.startsWith("/api/rate/[token]") && !module.pattern.includes("[taskId]");
        // Sign-in pages and health answer anyone; nothing they answer is a study's.
        const open = handler.access === "public";
        if (!ownRaterApi && !open) expect([401, 403, 404], label).toContain(response.status);
      }
    }
    expect(seen).toContain("PUT /api/rate/[token]/answers/[taskId] → 404");
    expect(seen).toContain("GET /api/rate/[token] → 200");
  });
});
