import { expect, test, type APIRequestContext } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const modelName = `board-${Math.random().toString(36).slice(2, 8)}`;
let modelId = "";

async function finishedRun(request: APIRequestContext, settings: Record<string, unknown>): Promise<string> {
  const started = await request.post("/api/runs", { data: { modelId, suiteId: "cehr-ner", settings } });
  expect(started.status()).toBe(201);
  const runId = (await started.json()).run.id;
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000 })
    .toMatch(/^completed/);
  return runId;
}

test.describe("leaderboard view and model page", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

  test.beforeAll(async ({ request }) => {
    const created = await request.post("/api/models", { data: { name: modelName, provider: "openai", baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
    expect(created.status()).toBe(201);
    modelId = (await created.json()).model.id;
    await finishedRun(request, {});
    await finishedRun(request, { tokenizer: "jieba" });
  });

  test("filters and sorts through the URL, marks differing settings, and links the model page", async ({ page }) => {
    await page.goto(`/?model=${modelName}`);
    const ner = page.getByTestId("leaderboard-ner");
    const rows = ner.getByRole("row").filter({ has: page.getByRole("rowheader", { name: modelName }) });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ has: page.getByTestId("settings-differ") })).toContainText("tokeniser jieba");
    await expect(rows.first()).toContainText("95% CI");
    await expect(rows.first()).toContainText("n = 41");
    await expect(page.getByTestId("fill-rule")).toContainText("Latest run");

    // The filter form is a GET form: the filtered view is a link.
    await page.getByLabel("Task").selectOption("ner");
    await page.getByLabel("Numbers").selectOption("measured");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/task=ner/);
    await expect(page).toHaveURL(/origin=measured/);
    await expect(page.getByTestId("leaderboard-mcq")).toHaveCount(0);
    await expect(page.getByTestId("leaderboard-ner").getByRole("row").filter({ hasText: "Reported by the paper" })).toHaveCount(0);

    await page.getByTestId("sort-model").click();
    await expect(page).toHaveURL(/sort=model/);
    await expect(page.getByTestId("leaderboard-ner").locator("th[aria-sort]")).toHaveAttribute("aria-sort", "ascending");

    // Per type is one click away from a cell.
    await expect(page.getByTestId("board-breakdown").first()).toHaveAttribute("href", /\/runs\/.+#subsets$/);

    await page.getByRole("link", { name: modelName }).first().click();
    await expect(page.getByTestId("model-name")).toHaveText(modelName);
    await expect(page.getByTestId("model-run")).toHaveCount(2);
    await expect(page.getByTestId("model-runs")).toContainText("jieba");
  });

  test("pins a run from the model page and the pinned rule shows it", async ({ page }) => {
    await page.goto(`/models/${modelId}`);
    await page.getByTestId("pin-button").first().click();
    await expect(page.getByTestId("pin-button").first()).toHaveText("Unpin");
    await page.goto(`/?model=${modelName}&fill=pinned`);
    await expect(page.getByTestId("leaderboard-ner").getByText("pinned", { exact: true })).toHaveCount(1);
  });

  test("exports the filtered view as CSV with a BOM", async ({ request }) => {
    const response = await request.get(`/api/leaderboard?format=csv&model=${modelName}`);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const text = (await response.body()).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n").filter((line) => line.includes(modelName))).toHaveLength(2);
  });

  test("reads in Chinese and fits a phone", async ({ browser }) => {
    const context = await browser.newContext({
      locale: "zh-CN",
      extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" },
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`/?model=${modelName}`);
    await expect(page.getByRole("heading", { level: 1, name: "排行榜" })).toBeVisible();
    await expect(page.getByLabel("任务")).toBeVisible();
    await expect(page.getByTestId("settings-differ")).toContainText("分词器 jieba");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByRole("link", { name: modelName }).first().click();
    await expect(page.getByRole("heading", { level: 2, name: "运行" })).toBeVisible();
    const modelOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(modelOverflow).toBeLessThanOrEqual(1);
    await context.close();
  });
});
