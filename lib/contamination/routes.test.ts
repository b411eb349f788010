import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveSuite } from "@/lib/db/queries/suites";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { sampleCallers } from "@/lib/http/route-fixtures";
import { routeHooks } from "@/lib/http/route-hooks";
import { callRoute, loadRouteModule, routeHandlers } from "@/lib/http/route-testing";
import { removeIndex } from "./store";

async function handler(file: string, method: string) {
  const module = await loadRouteModule(file);
  return { pattern: module.pattern, handler: routeHandlers(module).find(([m]) => m === method)![1] };
}

const question = "患者女性四十岁反复上腹痛伴反酸三年";
const headers = { origin: "http://127.0.0.1", "content-type": "application/octet-stream" };

describe.each(testEngines({ only: ["pglite"] }))("contamination and training-export routes on $name", (engine) => {
  let database: TestDatabase;
  const created: string[] = [];
  beforeAll(async () => {
    database = await engine.open();
    routeHooks.openDb = async () => database.db;
    routeHooks.resolveCaller = async () => sampleCallers.researcher;
    await saveSuite(database.db, {
      suite: {
        id: "route-qa",
        name: { en: "QA", zh: "问答" },
        taskKind: "open_qa",
        licence: "CC0",
        source: "unit test",
        config: {},
        items: [
          { externalId: "a", split: "test", input: { question }, gold: { references: ["考虑消化性溃疡"] } },
          { externalId: "b", split: "test", input: { question: "儿童夜间咳嗽两周无发热应如何处理" }, gold: { references: ["观察"] } },
        ],
      },
      version: "v1",
      bundled: false,
    });
  });
  afterAll(async () => {
    for (const id of created) await removeIndex(database.db, id).catch(() => {});
    routeHooks.openDb = undefined;
    routeHooks.resolveCaller = undefined;
    await database?.dispose();
  });

  it("indexes a plain-text corpus sent as the raw body and reports the suite against it", async () => {
    const upload = await handler("app/api/contamination/route.ts", "POST");
    const body = `门诊记录：患者女性四十岁反复上腹痛\n伴反酸三年，胃镜提示溃疡。`;
    const response = await callRoute(upload.handler, { method: "POST", pattern: upload.pattern, params: {}, query: "?name=notes&n=13&format=text", headers, body });
    expect(response.status).toBe(201);
    const { index } = await response.json();
    created.push(index.id);
    expect(index).toMatchObject({ name: "notes", n: 13, documents: 1, corpusBytes: Buffer.byteLength(body) });

    const report = await handler("app/api/suites/[id]/contamination/route.ts", "GET");
    const got = await callRoute(report.handler, { method: "GET", pattern: report.pattern, params: { id: "route-qa" }, query: `?index=${index.id}` });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ items: 2, questionMatches: 1, questionAnswerMatches: 1, matches: [{ externalId: "a", span: question }] });
  });

  it("answers 400 for a bad JSONL corpus or n, 413 for a declared size over the limit, 404 for an unknown index", async () => {
    const upload = await handler("app/api/contamination/route.ts", "POST");
    const post = (query: string, body: string, extra: Record<string, string> = {}) =>
      callRoute(upload.handler, { method: "POST", pattern: upload.pattern, params: {}, query, headers: { ...headers, ...extra }, body });
    const bad = await post("?name=x&format=jsonl", "not json\n");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("corpus refused: line 1: not JSON");
    expect((await post("?name=x&n=2", "abc")).status).toBe(400);
    expect((await post("?name=x", "abc", { "content-length": String(10 * 1024 ** 3) })).status).toBe(413);
    const report = await handler("app/api/suites/[id]/contamination/route.ts", "GET");
    const missing = await callRoute(report.handler, { method: "GET", pattern: report.pattern, params: { id: "route-qa" }, query: "?index=6f1c1a43-52a5-4f2e-9a53-1b4f1b0f7a11" });
    expect(missing.status).toBe(404);
  });

  it("streams the suite as LLaMA-Factory data with its dataset_info, and refuses dataset_info for TRL", async () => {
    const download = await handler("app/api/suites/[id]/training-export/route.ts", "GET");
    const get = (query: string) => callRoute(download.handler, { method: "GET", pattern: download.pattern, params: { id: "route-qa" }, query });
    const data = await get("?format=llamafactory&split=test");
    expect(data.headers.get("content-disposition")).toBe('attachment; filename="route-qa.jsonl"');
    expect((await data.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { instruction: question, input: "", output: "考虑消化性溃疡" },
      { instruction: "儿童夜间咳嗽两周无发热应如何处理", input: "", output: "观察" },
    ]);
    const info = await get("?format=llamafactory&part=dataset_info");
    expect(await info.json()).toEqual({ "route-qa": { file_name: "route-qa.jsonl", columns: { prompt: "instruction", query: "input", response: "output" } } });
    expect((await get("?format=trl&part=dataset_info")).status).toBe(400);
  });
});
