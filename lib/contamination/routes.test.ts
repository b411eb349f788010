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

  const post = async (query: string, body: string, extra: Record<string, string> = {}) => {
    const upload = await handler("app/api/contamination/route.ts", "POST");
    return callRoute(upload.handler, { method: "POST", pattern: upload.pattern, params: {}, query, headers: { ...headers, ...extra }, body });
  };
  const getIndex = async (id: string) => {
    const one = await handler("app/api/contamination/[id]/route.ts", "GET");
    return callRoute(one.handler, { method: "GET", pattern: one.pattern, params: { id } });
  };
  const report = async (index: string) => {
    const get = await handler("app/api/suites/[id]/contamination/route.ts", "GET");
    return callRoute(get.handler, { method: "GET", pattern: get.pattern, params: { id: "route-qa" }, query: `?index=${index}` });
  };
  /** Polls the index as the UI does until its build ends (the test's own timeout bounds it). */
  async function settled(id: string) {
    for (;;) {
      const { index } = await (await getIndex(id)).json();
      if (index.status !== "building") return index;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("answers 202 building for a plain-text corpus, builds it off the request thread, then reports the suite against it", async () => {
    const body = `门诊记录：患者女性四十岁反复上腹痛\n伴反酸三年，胃镜提示溃疡。`;
    const response = await post("?name=notes&n=13&format=text", body);
    expect(response.status).toBe(202);
    const { index } = await response.json();
    created.push(index.id);
    expect(index).toMatchObject({ name: "notes", n: 13, status: "building", error: null });
    // Which process builds it (host name, pid) stays on the server.
    expect(index).not.toHaveProperty("builder");
    expect(await settled(index.id)).toMatchObject({ status: "ready", error: null, documents: 1, corpusBytes: Buffer.byteLength(body) });

    const got = await report(index.id);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ items: 2, questionMatches: 1, questionAnswerMatches: 1, matches: [{ externalId: "a", span: question }] });
  });

  it("marks a corrupt JSONL corpus failed, naming the line; its report answers 409 and it can be deleted", async () => {
    const response = await post("?name=broken&format=jsonl", `${JSON.stringify({ text: "第一篇" })}\n{"body": 1}\n`);
    expect(response.status).toBe(202);
    const { index } = await response.json();
    expect(await settled(index.id)).toMatchObject({ status: "failed", errorKind: "refused", error: 'line 2: no string field "text"' });
    const refused = await report(index.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toBe('this contamination index failed to build: corpus refused: line 2: no string field "text"');
    const remove = await handler("app/api/contamination/[id]/route.ts", "DELETE");
    expect((await callRoute(remove.handler, { method: "DELETE", pattern: remove.pattern, params: { id: index.id } })).status).toBe(200);
    expect((await getIndex(index.id)).status).toBe(404);
  });

  it("answers 400 for a bad n, 413 for a declared size over the limit, 404 for an unknown index", async () => {
    expect((await post("?name=x&n=2", "abc")).status).toBe(400);
    expect((await post("?name=x", "abc", { "content-length": String(10 * 1024 ** 3) })).status).toBe(413);
    expect((await report("6f1c1a43-52a5-4f2e-9a53-1b4f1b0f7a11")).status).toBe(404);
    expect((await getIndex("6f1c1a43-52a5-4f2e-9a53-1b4f1b0f7a11")).status).toBe(404);
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
