import { expect, test, type APIRequestContext } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function createModel(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post("/api/models", { data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

async function finishedRun(request: APIRequestContext, modelId: string, suiteId: string, settings: Record<string, unknown>) {
  const response = await request.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status()).toBe(201);
  const id: string = (await response.json()).run.id;
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).run.status, { timeout: 90_000 })
    .toBe("completed");
  return id;
}

// Two runs of the same 20 CMMLU items against the fake model with different templates: different prompts,
// so different answers on some items; and one run of another suite.
let runA: string;
let runB: string;
let otherSuite: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  const modelId = await createModel(request, unique("e2e-compare"));
  [runA, runB, otherSuite] = await Promise.all([
    finishedRun(request, modelId, "cmmlu-medical", { limit: 20, template: "paper" }),
    finishedRun(request, modelId, "cmmlu-medical", { limit: 20, template: "plain" }),
    finishedRun(request, modelId, "cmedqa-ner", { limit: 3 }),
  ]);
});

test.describe("comparison in English", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

  test("picked on the runs list: paired test, agreement, filters, item permalinks and exports", async ({ page, request }) => {
    await page.goto("/runs");
    const table = page.getByTestId("runs-table");
    await table.locator(`tr[data-run="${runA}"]`).getByTestId("compare-pick").check();
    await table.locator(`tr[data-run="${runB}"]`).getByTestId("compare-pick").check();
    await page.getByTestId("compare-selected").click();
    await expect(page).toHaveURL(new RegExp(`/compare\\?runs=${runA},${runB}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Compare runs");
    await expect(page.getByTestId("compare-runs").locator("tbody tr")).toHaveCount(2);
    await expect(page.getByTestId("settings-differ")).toContainText("template");

    const summary = await (await request.get(`/api/compare?runs=${runA},${runB}`)).json();
    const [pair] = summary.pairs;
    expect(pair.n).toBe(20);
    expect(pair.tests.accuracy.test).toBe("mcnemar");
    const accuracy = page.getByTestId("compare-tests").locator('tr[data-metric="accuracy"]');
    await expect(accuracy).toContainText("McNemar exact");
    await expect(accuracy.getByTestId("p-value")).not.toHaveText("—");
    const agreement = page.getByTestId("compare-agreement").locator("tbody tr");
    await expect(agreement.getByTestId("a-right")).toHaveText(String(pair.agreement.aBetter));
    await expect(agreement.getByTestId("b-right")).toHaveText(String(pair.agreement.bBetter));
    await expect(page.getByTestId("compare-metrics-chart")).toBeVisible();
    await expect(page.getByTestId("compare-distribution-chart")).toBeVisible();

    const differ = pair.agreement.aBetter + pair.agreement.bBetter;
    await page.getByTestId("compare-filters").getByLabel("Show").selectOption("differ");
    await page.getByTestId("compare-filters").getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/filter=differ/);
    await expect(page.getByTestId("pager-status")).toContainText(`of ${differ}`);
    if (differ > 0) {
      await page.getByTestId("compare-items").locator("tbody tr").first().getByRole("link").click();
      await expect(page).toHaveURL(/\/compare\/items\/[0-9a-f-]{36}\?runs=/);
      await expect(page.getByTestId("compare-answers").locator("section")).toHaveCount(2);
      await expect(page.getByText("The runs sent different prompts")).toBeVisible();
      await page.getByRole("link", { name: "Back to the comparison" }).click();
      await expect(page).toHaveURL(/filter=differ/);
    }

    const csv = await request.get(`/api/compare/export?runs=${runA},${runB}&format=csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.startsWith("\uFEFFexternal_id,subset,sample,A_model")).toBe(true);
    expect(text.trim().split("\r\n")).toHaveLength(21);
    const json = await (await request.get(`/api/compare/export?runs=${runA},${runB}&format=json`)).json();
    expect(json.format).toBe("chimed-comparison/1");
    expect(json.items).toHaveLength(20);
  });

  test("refuses runs of different suites with a clear message, and offers the run's suite to pick from", async ({ page, request }) => {
    await page.goto(`/compare?runs=${runA},${otherSuite}`);
    await expect(page.getByTestId("compare-refused")).toContainText("different suites");
    const api = await request.get(`/api/compare?runs=${runA},${otherSuite}`);
    expect(api.status()).toBe(400);
    expect((await api.json()).code).toBe("different_suites");

    await page.goto(`/runs/${runA}`);
    await page.getByTestId("compare-link").click();
    const picker = page.getByTestId("run-picker");
    await expect(picker.locator(`input[value="${runA}"]`)).toBeChecked();
    await picker.locator(`input[value="${runB}"]`).check();
    await picker.getByRole("button", { name: "Compare" }).click();
    await expect(page.getByTestId("compare-runs").locator("tbody tr")).toHaveCount(2);
  });
});

test.describe("comparison in Chinese on a phone", () => {
  test.use({
    locale: "zh-CN",
    extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" },
    viewport: { width: 390, height: 844 },
  });

  test("reads in Chinese and fits the phone's width", async ({ page }) => {
    await page.goto(`/compare?runs=${runA},${runB}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("比较运行");
    await expect(page.getByRole("heading", { name: "配对检验" })).toBeVisible();
    await expect(page.getByTestId("compare-tests")).toContainText("McNemar 精确检验");
    await expect(page.getByTestId("compare-items").locator("tbody tr")).toHaveCount(20);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
