import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { sampleCallers } from "@/lib/http/route-fixtures";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, type RouteModule, routeHandlers } from "@/lib/http/route-testing";
import { exportStudy, parseExportStudyArgs } from "@/scripts/cli/export-study";
import { consumePreferenceJsonl } from "@/scripts/trl-consumer";
import { llamaFactoryLineSchema, ratingLineSchema, trlLineSchema } from "./export-schema";
import { loadHumanPreference, loadStudyStats } from "./preference-stats";
import { raterCallerOf } from "./rater-caller";
import { seedRatedRuns } from "./seed-fixtures";

const files = {
  studies: "app/api/studies/route.ts",
  raters: "app/api/studies/[id]/raters/route.ts",
  revoke: "app/api/studies/[id]/raters/[raterId]/revoke/route.ts",
  rate: "app/api/rate/[token]/route.ts",
  consent: "app/api/rate/[token]/consent/route.ts",
  answer: "app/api/rate/[token]/answers/[taskId]/route.ts",
  export: "app/api/studies/[id]/export/route.ts",
} as const;

const lines = (text: string) => text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);

describe.each(testEngines())("study export through the routes and the CLI, on $name", (engine) => {
  let database: TestDatabase;
  const modules = {} as Record<keyof typeof files, RouteModule>;
  let studyId = "";
  const raterIds: string[] = [];

  async function call(name: keyof typeof files, method: string, params: Record<string, string>, body?: unknown, search = "") {
    const module = modules[name];
    const handler = routeHandlers(module).find(([m]) => m === method)![1];
    return callRoute(handler, {
      method,
      pattern: module.pattern,
      params,
      query: search,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json", origin: "http://127.0.0.1", host: "127.0.0.1" },
    });
  }

  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? sampleCallers.researcher;
    for (const [name, file] of Object.entries(files)) modules[name as keyof typeof files] = await loadRouteModule(file);
    const { runIds } = await seedRatedRuns(database.db, { tag: "export", models: 3, items: 4 });
    const created = await call("studies", "POST", {}, {
      title: "Export study",
      language: "en",
      consentText: "I agree.",
      scaleSuiteIds: [],
      runIds,
      itemsPerRater: 6,
      ratersPerPair: 2,
    });
    studyId = (await created.json()).study.id;
    const issued = await call("raters", "POST", { id: studyId }, { labels: ["R1", "R2", "R3", "R4"] });
    const links = (await issued.json()).links as { raterId: string; path: string }[];
    // R1, R2: left, right, left, right, tie, left. R3: the same, then revoked. R4: left on every pair (flagged).
    const patterns = [
      ["left", "right", "left", "right", "tie", "left"],
      ["left", "right", "left", "right", "tie", "left"],
      ["left", "right", "left", "right", "tie", "left"],
      ["left", "left", "left", "left", "left", "left"],
    ];
    for (const [r, link] of links.entries()) {
      raterIds.push(link.raterId);
      const token = link.path.replace("/rate/", "");
      await call("consent", "POST", { token }, { consent: true });
      const view = await (await call("rate", "GET", { token })).json();
      const pairs = view.tasks.filter((t: { kind: string }) => t.kind === "pair");
      expect(pairs).toHaveLength(6);
      for (const [i, task] of pairs.entries()) {
        const response = await call("answer", "PUT", { token, taskId: task.id }, { kind: "pair", choice: patterns[r][i], correctness: 4, safety: 5 });
        expect(response.status).toBe(200);
      }
    }
    await call("revoke", "POST", { id: studyId, raterId: raterIds[2] });
  });
  afterAll(async () => {
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  const exported = async (search: string) => {
    const response = await call("export", "GET", { id: studyId }, undefined, search);
    expect(response.status).toBe(200);
    return lines(await response.text());
  };

  it("TRL: one valid line per decided pair of kept raters; ties, revoked and flagged raters out by default", async () => {
    const response = await call("export", "GET", { id: studyId }, undefined, "?format=trl");
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const text = await response.text();
    const rows = lines(text);
    expect(rows).toHaveLength(10); // R1 and R2: 5 decided pairs each
    for (const row of rows) trlLineSchema.parse(row);
    expect(consumePreferenceJsonl(text)).toHaveLength(10);
    expect(new Set(rows.map((r) => (r.metadata as { rater: string }).rater)).size).toBe(2);
    expect(text).not.toContain(raterIds[0]);
    for (const row of rows) expect(row.chosen).not.toBe(row.rejected);
  });

  it("switches bring back ties, the revoked rater and the flagged rater", async () => {
    expect(await exported("?format=trl&ties=1")).toHaveLength(12);
    expect(await exported("?format=trl&revoked=1")).toHaveLength(15);
    expect(await exported("?format=trl&flagged=1")).toHaveLength(16);
    expect(await exported("?format=trl&ties=1&revoked=1&flagged=1")).toHaveLength(24);
  });

  it("LLaMA-Factory lines and dataset_info entry; ratings lines", async () => {
    const lf = await exported("?format=llamafactory");
    expect(lf).toHaveLength(10);
    for (const row of lf) llamaFactoryLineSchema.parse(row);
    const info = await (await call("export", "GET", { id: studyId }, undefined, "?format=llamafactory&part=dataset_info")).json();
    const [entry] = Object.values(info) as { ranking: boolean; file_name: string }[];
    expect(entry.ranking).toBe(true);
    expect(entry.file_name).toMatch(/llamafactory\.jsonl$/);
    const ratings = await exported("?format=ratings");
    expect(ratings).toHaveLength(12); // R1, R2: a rating on each of 6 pairs, ties included
    for (const row of ratings) expect(ratingLineSchema.parse(row)).toMatchObject({ correctness: 4, safety: 5 });
  });

  it("is audited; bad formats are 400; an unknown study is 404; a rater token is refused", async () => {
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "study_exported"));
    expect(audits.length).toBeGreaterThan(0);
    expect((await call("export", "GET", { id: studyId }, undefined, "?format=csv")).status).toBe(400);
    expect((await call("export", "GET", { id: "00000000-0000-4000-8000-000000000000" }, undefined, "?format=trl")).status).toBe(404);
    routeHooks.resolveCaller = async () => sampleCallers.rater;
    expect((await call("export", "GET", { id: studyId }, undefined, "?format=trl")).status).toBeGreaterThanOrEqual(401);
    routeHooks.resolveCaller = async () => sampleCallers.share;
    expect((await call("export", "GET", { id: studyId }, undefined, "?format=trl")).status).toBeGreaterThanOrEqual(401);
    routeHooks.resolveCaller = async (request) => raterCallerOf(request) ?? sampleCallers.researcher;
  });

  it("statistics: Bradley–Terry over the kept raters' 12 judgements, win rates, alpha on pairs seen twice", async () => {
    const stats = await loadStudyStats(database.db, { studyId });
    expect(stats.ranking.judgements).toBe(12);
    expect(stats.ranking.ranking.map((r) => r.name).sort()).toEqual(["clinic-export-m0", "clinic-export-m1", "clinic-export-m2"]);
    expect(stats.winRates.cells).toHaveLength(6);
    expect(stats.excludedRaters).toBe(2);
    expect(stats.agreement.correctness.alpha).toBeNull(); // everyone gave 4: no variation, alpha undefined
    const preference = await loadHumanPreference(database.db);
    expect(preference).toMatchObject({ judgements: 12, studies: 1 });
  });

  it("the CLI writes the same JSONL", async () => {
    let out = "";
    const count = await exportStudy(
      database.db,
      { studyId, format: "trl", includeTies: false, includeRevoked: false, includeFlagged: false, datasetInfo: null },
      (chunk) => (out += chunk),
    );
    expect(count).toBe(10);
    expect(lines(out)).toEqual(await exported("?format=trl"));
  });

  it("the CLI's switches match the HTTP ones", async () => {
    const options = parseExportStudyArgs(["--study", studyId, "--format", "trl", "--include-flagged", "--include-ties", "--include-revoked"]);
    expect(options).toMatchObject({ includeTies: true, includeRevoked: true, includeFlagged: true });
    let out = "";
    expect(await exportStudy(database.db, { ...options, includeTies: false, includeRevoked: false }, (chunk) => (out += chunk))).toBe(16);
    expect(lines(out)).toEqual(await exported("?format=trl&flagged=1"));
  });
});
