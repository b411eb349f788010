import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const MODEL = unique("audit-fake");
const XSS_ANSWER = '<img src=x onerror="window.__xss=1">D';

/** An OpenAI-compatible server whose every answer is markup around option D. */
function startMarkupServer(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.url?.endsWith("/models")) return res.end(JSON.stringify({ object: "list", data: [{ id: "markup" }] }));
      res.end(
        JSON.stringify({
          id: "x",
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: XSS_ANSWER }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function createModel(api: APIRequestContext, name: string, baseUrl: string, modelId: string): Promise<string> {
  const response = await api.post("/api/models", { data: { name, baseUrl, modelId } });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

async function startRun(api: APIRequestContext, modelId: string, suiteId: string, settings: Record<string, unknown>) {
  const response = await api.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).run.id as string;
}

async function waitForCompletion(api: APIRequestContext, runId: string) {
  await expect
    .poll(async () => (await (await api.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000, intervals: [500] })
    .toBe("completed");
}

const runs: Record<"cami" | "camiShuffled" | "mica" | "baseline" | "markup", string> = {} as never;
let markup: Server;

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  markup = await startMarkupServer();
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const fake = await createModel(api, MODEL, FAKE_MODEL_URL, "fake-chimed");
  const markupUrl = `http://127.0.0.1:${(markup.address() as AddressInfo).port}/v1`;
  const markupModel = await createModel(api, unique("audit-markup"), markupUrl, "markup");
  const models = (await (await api.get("/api/models")).json()).models as { id: string; provider: string; modelId: string }[];
  const random = models.find((m) => m.provider === "baseline" && m.modelId === "uniform-random")!;
  runs.cami = await startRun(api, fake, "cami", { samples: 2 });
  runs.camiShuffled = await startRun(api, fake, "cami", { samples: 2, order: "shuffled" });
  runs.mica = await startRun(api, fake, "mica4", { samples: 2 });
  runs.baseline = await startRun(api, random.id, "cami", { samples: 2 });
  runs.markup = await startRun(api, markupModel, "cami", { samples: 1 });
  for (const id of Object.values(runs)) await waitForCompletion(api, id);
  await api.dispose();
});

test.afterAll(() => new Promise<void>((resolve) => (markup ? markup.close(() => resolve()) : resolve())));

test.describe("bias audit in English", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

  test("compares models per scale with intervals, ranges, baselines, citations and prompt sensitivity", async ({ page }) => {
    await page.goto("/audits");
    await expect(page.getByRole("heading", { level: 1, name: "Bias audit" })).toBeVisible();
    await expect(page.getByTestId("no-reported-values")).toContainText("could not be retrieved");

    const cami = page.getByTestId("bias-chart-cami");
    await expect(cami).toBeVisible();
    await expect(cami.locator("svg").first()).toBeVisible();
    await expect(cami).toContainText(MODEL);
    await expect(page.getByTestId("scale-range-cami")).toHaveText("Range: 1–5 mean / 40–200 total");
    await expect(page.getByTestId("scale-range-mica4")).toHaveText("Range: 1–6 mean / 16–96 total");
    await expect(page.getByTestId("bias-chart-mica4")).toContainText(MODEL);
    await expect(page.getByTestId("scale-notice-cami")).toContainText("Taylor SM, Dear MJ (1981)");
    await expect(page.getByTestId("scale-notice-mica4")).toContainText("King's College London");

    const table = page.getByTestId("audit-table-cami");
    const row = table.locator(`tr[data-run="${runs.cami}"]`);
    await expect(row).toContainText(MODEL);
    await expect(row).toContainText("paper instruction · published order · letter labels");
    await expect(row.locator("td").nth(1)).toHaveText(/^\d\.\d{2}$/);
    await expect(row.locator("td").nth(2)).toHaveText(/^\[\d\.\d{2}, \d\.\d{2}\]$/);
    await expect(row.locator("td").nth(4)).toHaveText(/^\d{1,3}\.\d%$/);
    await expect(table.locator(`tr[data-run="${runs.camiShuffled}"]`)).toContainText("shuffled order");
    await expect(table.locator(`tr[data-run="${runs.baseline}"]`)).toContainText("Uniform random (baseline)");
    await expect(table.locator(`tr[data-run="${runs.baseline}"]`)).toContainText("Baseline");

    await expect(page.getByTestId("subscale-chart-cami")).toBeVisible();
    const sensitivity = page.getByTestId("sensitivity-cami");
    await expect(sensitivity.locator("caption", { hasText: MODEL })).toContainText(/Spread \(max − min\): \d\.\d{2}/);

    // Switching to the paper-compatible missing mode refetches through the API: none of these runs used it.
    await page.getByLabel("Refused and unparsed answers").selectOption("paper_compatible");
    await expect(page.getByTestId("no-runs-cami")).toBeVisible();
    await expect(page).toHaveURL(/missing=paper_compatible/);
  });

  test("shows one run's items with every raw answer as text, its parse, and the scale's citation", async ({ page, request }) => {
    const items = (await (await request.get(`/api/runs/${runs.cami}/items?pageSize=200`)).json()).items as {
      externalId: string;
      rawResponse: string | null;
    }[];
    const sample = items.find((i) => (i.rawResponse ?? "").length > 3) ?? items.find((i) => i.rawResponse)!;
    // The run page of a scale run leads to its audit.
    await page.goto(`/runs/${runs.cami}`);
    await page.getByRole("link", { name: "Open the full bias audit of this run" }).click();
    await expect(page).toHaveURL(new RegExp(`/audits/${runs.cami}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(MODEL);
    await expect(page.getByTestId("scale-notice-cami")).toContainText("Schizophrenia Bulletin");
    await expect(page.getByTestId("run-bias")).toContainText("1–5 mean / 40–200 total");
    await expect(page.getByTestId("run-outcomes")).toContainText("Administrations (sampled)");
    await expect(page.getByTestId("run-reliability")).toContainText("not the reliability of the scale");
    await expect(page.getByTestId("run-subscale-chart")).toBeVisible();
    const itemRow = page.getByTestId("item-audit-table").locator(`tr[data-item="${sample.externalId}"]`);
    await expect(itemRow.getByTestId("raw-answer").filter({ hasText: sample.rawResponse! }).first()).toBeVisible();
    await expect(itemRow).toContainText("greedy");
  });

  test("renders markup in a model's answer as text, never as HTML", async ({ page }) => {
    await page.goto(`/audits/${runs.markup}`);
    const first = page.getByTestId("item-audit-table").locator('tr[data-item="1"]');
    await expect(first.getByTestId("raw-answer").first()).toHaveText(XSS_ANSWER);
    await expect(first).toContainText("a = 4");
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator("main img")).toHaveCount(0);
  });
});

test.describe("bias audit in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });

  test("shows the comparison and a run's audit in Chinese", async ({ page }) => {
    await page.goto("/audits");
    await expect(page.getByRole("heading", { level: 1, name: "偏见审计" })).toBeVisible();
    await expect(page.getByTestId("bias-chart-cami")).toContainText(MODEL);
    await expect(page.getByTestId("scale-range-cami")).toHaveText("取值范围：均分 1–5 / 总分 40–200");
    await expect(page.getByTestId("audit-table-cami").locator(`tr[data-run="${runs.baseline}"]`)).toContainText("均匀随机（基线）");
    await page.goto(`/audits/${runs.mica}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("精神疾病临床医生态度量表");
    await expect(page.getByTestId("scale-notice-mica4")).toContainText("Psychiatry Research");
    await expect(page.getByTestId("item-audit-table")).toContainText("平均污名分");
  });
});
