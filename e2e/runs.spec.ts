import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const XSS = "<script>window.__xss = 1</script>";

/** A tiny OpenAI-compatible server whose every answer is XSS; model "slow" answers after 400 ms. */
function startScriptServer(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        res.end(JSON.stringify({ object: "list", data: [{ id: "script-model", object: "model" }] }));
        return;
      }
      const model = (JSON.parse(body || "{}") as { model?: string }).model;
      const answer = JSON.stringify({
        id: "x",
        object: "chat.completion",
        model,
        choices: [{ index: 0, message: { role: "assistant", content: XSS }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
      setTimeout(() => res.end(answer), model === "slow" ? 400 : 0);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function createModel(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/models", { data });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

async function createRun(request: APIRequestContext, modelId: string, settings: Record<string, unknown>): Promise<string> {
  const response = await request.post("/api/runs", { data: { modelId, suiteId: "cmmlu-medical", settings } });
  expect(response.status()).toBe(201);
  return (await response.json()).run.id;
}

test.describe("runs", () => {
  let server: Server;
  let scriptUrl: string;
  test.beforeAll(async () => {
    server = await startScriptServer();
    scriptUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("starts a run from the form, follows it to the end and drills into its items", async ({ page, request }) => {
    test.setTimeout(120_000);
    const name = unique("e2e-run");
    await createModel(request, { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" });
    await page.goto("/runs");
    const form = page.getByRole("form", { name: "New run" });
    await form.getByRole("combobox", { name: /^Model/ }).selectOption({ label: name });
    await form.getByLabel("Suite").selectOption("cmmlu-medical");
    await form.getByLabel("Limit").fill("30");
    await expect(form.getByLabel("Shots")).toBeVisible();
    await form.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;

    await expect(page.getByTestId("run-model")).toHaveText(name);
    await expect(page.getByTestId("suite-licence")).toHaveText("CC BY-NC-SA 4.0");
    await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
    await expect(page.getByTestId("progress-count")).toHaveText("30/30");

    const accuracy = page.getByTestId("metrics-table").locator('tr[data-metric="accuracy"]');
    await expect(accuracy).toContainText("Accuracy");
    await expect(accuracy.getByTestId("metric-value")).toHaveText(/^\d{1,3}\.\d{2}%$/);
    await expect(accuracy.getByTestId("metric-ci")).toHaveText(/^\d{1,3}\.\d{2}% – \d{1,3}\.\d{2}%$/);
    const view = await (await request.get(`/api/runs/${runId}`)).json();
    await expect(accuracy.getByTestId("metric-value")).toHaveText(`${(view.run.metrics.accuracy * 100).toFixed(2)}%`);
    await expect(page.getByTestId("subset-table")).toBeVisible();

    await page.getByTestId("run-settings").locator("summary").click();
    await expect(page.getByTestId("run-settings")).toContainText("limit");
    await expect(page.getByTestId("run-settings")).toContainText("30");

    // The fake server (seed 1) answers a few of the first 30 questions with no letter in them.
    const unparsed: number = view.progress.unparsed;
    expect(unparsed).toBeGreaterThan(0);
    await page.getByLabel("Show").selectOption("unparsed");
    await expect(page).toHaveURL(/filter=unparsed/);
    await expect(page.getByTestId("pager-status")).toContainText(`of ${unparsed}`);
    const rows = page.getByTestId("items-table").locator("tbody tr");
    await expect(rows).toHaveCount(unparsed);
    for (let i = 0; i < unparsed; i++) await expect(rows.nth(i)).toContainText("unparsed");
    await rows.first().getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runId}/items/\\d+`));
    await expect(page.getByText("unparsed").first()).toBeVisible();
    const messages = page.getByTestId("item-messages").locator("> li");
    await expect(messages.last()).toContainText("User");
    await expect(messages.last()).toContainText("A.");
    await expect(page.getByTestId("item-raw")).not.toHaveText("—");
    await expect(page.getByTestId("item-gold")).toContainText("Answer");
    await page.getByRole("link", { name: "Back to the run" }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runId}\\?filter=unparsed$`));
    await expect(page.getByLabel("Show")).toHaveValue("unparsed");

    await page.goto("/runs");
    const row = page.getByTestId("runs-table").locator(`tr[data-run="${runId}"]`);
    await expect(row).toContainText("30/30");
    await expect(row).toContainText("completed");
    await expect(row).toContainText("%");
  });

  test("shows a model answer holding a script tag as text, never running it", async ({ page, request }) => {
    const modelId = await createModel(request, { name: unique("e2e-script"), baseUrl: scriptUrl, modelId: "script-model" });
    const runId = await createRun(request, modelId, { limit: 3 });
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 30_000 });
    await expect(page.getByTestId("item-answer").first()).toHaveText(XSS);
    await expect(page.getByText(XSS).first()).toBeVisible();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    await page.getByTestId("items-table").locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByTestId("item-raw")).toHaveText(XSS);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  test("cancels and resumes a slow run", async ({ page, request }) => {
    const modelId = await createModel(request, {
      name: unique("e2e-slow"),
      baseUrl: scriptUrl,
      modelId: "slow",
      concurrency: 1,
    });
    const runId = await createRun(request, modelId, { limit: 200 });
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId("run-status")).toHaveText(/queued|running/);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("cancelled");
    await expect(page.getByRole("button", { name: "Resume" })).toBeEnabled();
    await page.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByTestId("run-status")).toHaveText(/queued|running/);
    await expect(page.getByRole("button", { name: "Cancel" })).toBeEnabled();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("cancelled");
  });
});
