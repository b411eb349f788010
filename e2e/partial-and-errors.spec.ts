import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** Answers "A" to every prompt, except anatomy questions, which always fail with a 500. */
function startFaultyServer(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        res.end(JSON.stringify({ object: "list", data: [{ id: "faulty", object: "model" }] }));
        return;
      }
      if (body.includes("关于解剖学的单选题")) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { message: "injected fault" } }));
        return;
      }
      res.end(
        JSON.stringify({
          id: "x",
          object: "chat.completion",
          model: "faulty",
          choices: [{ index: 0, message: { role: "assistant", content: "A" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function finishedRun(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const created = await request.post("/api/models", { data });
  expect(created.status()).toBe(201);
  const modelId = (await created.json()).model.id;
  const started = await request.post("/api/runs", { data: { modelId, suiteId: "cmmlu-medical", settings: { limit: 40, seed: 3 } } });
  expect(started.status()).toBe(201);
  const runId = (await started.json()).run.id;
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000 })
    .toMatch(/^completed/);
  return runId;
}

for (const [locale, language, statusText, partialWord, anatomy] of [
  ["en-US", "en-US,en;q=0.9", "completed with errors", "partial", "anatomy"],
  ["zh-CN", "zh-CN,zh;q=0.9", "已完成（有错误）", "部分", "解剖学"],
] as const) {
  test.describe(`honest numbers (${locale})`, () => {
    test.use({ locale, extraHTTPHeaders: { "accept-language": language } });
    let server: Server;
    let faultyUrl: string;
    test.beforeAll(async () => {
      server = await startFaultyServer();
      faultyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test("a stratified limited run is marked partial on the leaderboard and not ranked with full runs", async ({ page, request }) => {
      test.setTimeout(180_000);
      const name = unique("sampled");
      const runId = await finishedRun(request, { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" });
      const view = await (await request.get(`/api/runs/${runId}`)).json();
      // A stratified sample: all ten CMMLU subjects are in the 40 items.
      expect(Object.keys(view.run.summary.bySubset)).toHaveLength(10);
      // Subjects are named in the reader's language (CMMLU's codes are English).
      await page.goto(`/runs/${runId}`);
      await expect(page.getByTestId("subset-table").getByRole("rowheader", { name: anatomy, exact: true })).toBeVisible();
      await page.goto("/");
      const row = page.getByTestId("leaderboard-row").filter({ has: page.getByRole("link", { name }) });
      await expect(row).toHaveAttribute("data-ranked", "false");
      await expect(row.getByTestId("mark-partial")).toHaveText(`${partialWord} · 40 / 2,047`);
    });

    test("a run with injected faults finishes with errors and is flagged unreliable", async ({ page, request }) => {
      test.setTimeout(180_000);
      const name = unique("faulty");
      const runId = await finishedRun(request, { name, baseUrl: faultyUrl, modelId: "faulty" });
      await page.goto(`/runs/${runId}`);
      await expect(page.getByTestId("run-status")).toHaveText(statusText);
      await expect(page.getByTestId("metrics-errors")).toBeVisible();
      await expect(page.getByTestId("mark-unreliable").first()).toBeVisible();
      await page.goto("/");
      const row = page.getByTestId("leaderboard-row").filter({ has: page.getByRole("link", { name }) });
      await expect(row.getByTestId("mark-unreliable")).toBeVisible();
      await expect(row).toHaveAttribute("data-ranked", "false");
    });
  });
}
