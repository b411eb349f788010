import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleCallers } from "@/lib/http/route-fixtures";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, type RouteModule, routeHandlers } from "@/lib/http/route-testing";
import { judgements, raterResponses, raterTasks } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { raterCallerOf } from "./rater-caller";
import { seedCami, seedRatedRuns } from "./seed-fixtures";

const files = {
  studies: "app/api/studies/route.ts",
  study: "app/api/studies/[id]/route.ts",
  raters: "app/api/studies/[id]/raters/route.ts",
  revoke: "app/api/studies/[id]/raters/[raterId]/revoke/route.ts",
  cohort: "app/api/studies/[id]/cohort/route.ts",
  join: "app/api/cohort/[token]/route.ts",
  rate: "app/api/rate/[token]/route.ts",
  consent: "app/api/rate/[token]/consent/route.ts",
  answer: "app/api/rate/[token]/answers/[taskId]/route.ts",
} as const;

describe.each(testEngines())("clinician studies through their routes, on $name", (engine) => {
  let database: TestDatabase;
  const modules = {} as Record<keyof typeof files, RouteModule>;

  async function call(name: keyof typeof files, method: string, params: Record<string, string>, body?: unknown) {
    const module = modules[name];
    const handler = routeHandlers(module).find(([m]) => m === method)![1];
    return callRoute(handler, {
      method,
      pattern: module.pattern,
      params,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json", origin: "http://127.0.0.1", host: "127.0.0.1" },
    });
  }
  const tokenOf = (path: string) => path.replace("/rate/", "");

  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    // As in the app: a rater token in the path of the rater API, else a researcher.
    routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? sampleCallers.researcher;
    for (const [name, file] of Object.entries(files)) modules[name as keyof typeof files] = await loadRouteModule(file);
    await seedCami(database.db);
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  async function newStudy(tag: string, over: Record<string, unknown> = {}) {
    const { runIds } = await seedRatedRuns(database.db, { tag, models: 3, items: 4 });
    const response = await call("studies", "POST", {}, {
      title: `Study ${tag}`,
      language: "zh-CN",
      consentText: "我同意参加。",
      scaleSuiteIds: ["cami"],
      runIds,
      itemsPerRater: 6,
      ratersPerPair: 2,
      ...over,
    });
    expect(response.status).toBe(201);
    return { id: (await response.json()).study.id as string, runIds };
  }

  async function issue(studyId: string, labels: string[]) {
    const response = await call("raters", "POST", { id: studyId }, { labels });
    expect(response.status).toBe(201);
    return ((await response.json()).links as { raterId: string; path: string }[]).map((l) => ({ ...l, token: tokenOf(l.path) }));
  }

  it("gives each rater the whole scale then their pairs, blind, and resumes with the answers given", async () => {
    const { id } = await newStudy("flow");
    const [r1] = await issue(id, ["R1"]);
    const view = await (await call("rate", "GET", { token: r1.token })).json();
    expect(view.consented).toBe(false);
    expect(view.tasks.filter((t: { kind: string }) => t.kind === "scale_item")).toHaveLength(40);
    const pairs = view.tasks.filter((t: { kind: string }) => t.kind === "pair");
    expect(pairs).toHaveLength(6);
    expect(JSON.stringify(view)).not.toMatch(/clinic-flow-m|runA|runB|leftRun|modelName/);
    expect(pairs[0]).toMatchObject({ question: expect.stringContaining("问题"), left: expect.stringMatching(/^answer by model/) });

    expect((await call("answer", "PUT", { token: r1.token, taskId: view.tasks[0].id }, { kind: "scale_item", position: 0 })).status).toBe(409);
    expect((await call("consent", "POST", { token: r1.token }, { consent: true, profile: { role: "psychiatrist", years: 7 } })).status).toBe(200);
    expect((await call("answer", "PUT", { token: r1.token, taskId: view.tasks[0].id }, { kind: "scale_item", position: 4 })).status).toBe(200);
    expect((await call("answer", "PUT", { token: r1.token, taskId: pairs[0].id }, { kind: "pair", choice: "left", comment: " ok ", correctness: 4 })).status).toBe(200);
    expect((await call("answer", "PUT", { token: r1.token, taskId: pairs[0].id }, { kind: "scale_item", position: 1 })).status).toBe(400);

    const again = await (await call("rate", "GET", { token: r1.token })).json();
    expect(again.consented).toBe(true);
    expect(again.tasks[0].answer).toBe(4);
    expect(again.tasks.find((t: { id: string }) => t.id === pairs[0].id).answer).toEqual({
      choice: "left",
      comment: "ok",
      rated: "left",
      correctness: 4,
      safety: null,
    });
  });

  it("stores an answer posted twice at once, or retried, exactly once", async () => {
    const { id } = await newStudy("idem");
    const [r] = await issue(id, ["R"]);
    await call("consent", "POST", { token: r.token }, { consent: true });
    const view = await (await call("rate", "GET", { token: r.token })).json();
    const scaleTask = view.tasks[0].id;
    const pairTask = view.tasks.find((t: { kind: string }) => t.kind === "pair").id;
    const statuses = await Promise.all([
      call("answer", "PUT", { token: r.token, taskId: scaleTask }, { kind: "scale_item", position: 2 }),
      call("answer", "PUT", { token: r.token, taskId: scaleTask }, { kind: "scale_item", position: 2 }),
      call("answer", "PUT", { token: r.token, taskId: pairTask }, { kind: "pair", choice: "tie" }),
      call("answer", "PUT", { token: r.token, taskId: pairTask }, { kind: "pair", choice: "tie" }),
      call("answer", "PUT", { token: r.token, taskId: pairTask }, { kind: "pair", choice: "tie" }),
    ]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const [{ n: responses }] = await database.db.select({ n: count() }).from(raterResponses).where(eq(raterResponses.taskId, scaleTask));
    const [{ n: judged }] = await database.db.select({ n: count() }).from(judgements).where(eq(judgements.taskId, pairTask));
    expect([responses, judged]).toEqual([1, 1]);
  });

  it("keeps each rater to their own tasks: another's path, task, a revoked or unknown link all answer 404", async () => {
    const { id } = await newStudy("iso");
    const [a, b] = await issue(id, ["A", "B"]);
    await call("consent", "POST", { token: a.token }, { consent: true });
    const viewB = await (await call("rate", "GET", { token: b.token })).json();
    // A's token in the header position, B's in the path: the resolver reads the path, so emulate a forged caller.
    routeHooks.resolveCaller = async () => ({ kind: "rater", token: a.token });
    try {
      expect((await call("rate", "GET", { token: b.token })).status).toBe(404);
    } finally {
      routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? sampleCallers.researcher;
    }
    expect((await call("answer", "PUT", { token: a.token, taskId: viewB.tasks[0].id }, { kind: "scale_item", position: 0 })).status).toBe(404);
    expect((await call("rate", "GET", { token: "x".repeat(27) })).status).toBe(404);

    expect((await call("revoke", "POST", { id, raterId: a.raterId })).status).toBe(200);
    expect((await call("rate", "GET", { token: a.token })).status).toBe(404);
    const progress = await (await call("study", "GET", { id })).json();
    const shown = progress.raters.find((r: { id: string }) => r.id === a.raterId);
    expect(shown.revokedAt).not.toBeNull();
    expect(shown).toMatchObject({ tasks: 46, answered: 0 });
    // Answers of a revoked rater stay in the database.
    const [{ n }] = await database.db.select({ n: count() }).from(raterTasks).where(eq(raterTasks.raterId, a.raterId));
    expect(n).toBeGreaterThan(0);
  });

  it("issues personal links from a cohort link, refuses everything once the study is closed", async () => {
    const { id } = await newStudy("cohort");
    const link = await (await call("cohort", "POST", { id })).json();
    const joined = await call("join", "POST", { token: tokenOf(link.path) });
    expect(joined.status).toBe(200);
    expect(joined.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    const personal = tokenOf((await joined.json()).path);
    expect((await call("rate", "GET", { token: personal })).status).toBe(200);
    expect((await call("cohort", "DELETE", { id })).status).toBe(204);
    expect((await call("join", "POST", { token: tokenOf(link.path) })).status).toBe(404);

    await call("consent", "POST", { token: personal }, { consent: true });
    const task = (await (await call("rate", "GET", { token: personal })).json()).tasks[0].id;
    expect((await call("study", "PATCH", { id }, { status: "closed" })).status).toBe(200);
    expect((await call("answer", "PUT", { token: personal, taskId: task }, { kind: "scale_item", position: 0 })).status).toBe(409);
    expect((await call("raters", "POST", { id }, { labels: ["late"] })).status).toBe(409);
    const list = await (await call("studies", "GET", {})).json();
    expect(list.studies.find((s: { id: string }) => s.id === id)).toMatchObject({ status: "closed", raters: 1 });
  });

  it("refuses a study with one run, runs of one model, or ratersPerPair below 2", async () => {
    const { runIds } = await seedRatedRuns(database.db, { tag: "bad", models: 2, items: 2 });
    const base = { title: "bad", language: "en", consentText: "ok", itemsPerRater: 2 };
    expect((await call("studies", "POST", {}, { ...base, runIds: [runIds[0]] })).status).toBe(400);
    expect((await call("studies", "POST", {}, { ...base, runIds, ratersPerPair: 1 })).status).toBe(400);
    expect((await call("studies", "POST", {}, { ...base, scaleSuiteIds: ["nope"] })).status).toBe(400);
  });
});
