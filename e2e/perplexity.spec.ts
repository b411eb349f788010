import { expect, test, type APIRequestContext } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function createModel(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post("/api/models", { data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

test.describe("perplexity in zh-CN", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });

  test("starts a medical-text-ppl run with context and stride, and shows bits per document", async ({ page, request }) => {
    test.setTimeout(120_000);
    const name = unique("e2e-ppl");
    await createModel(request, name);
    await page.goto("/runs");
    const form = page.getByRole("form", { name: "新建运行" });
    // Anchored: a label holds its select, so the suite list's name can contain "模型" in an option's text.
    await form.getByRole("combobox", { name: /^模型/ }).selectOption({ label: name });
    await form.getByLabel("测试集").selectOption("medical-text-ppl");
    await form.getByLabel("题目上限").fill("6");
    await form.getByLabel("上下文长度（字符）").fill("300");
    await form.getByLabel("步长（字符）").fill("100");
    await form.getByRole("button", { name: "开始运行" }).click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;
    await expect(page.getByTestId("run-status")).toHaveText(/completed|已完成/, { timeout: 90_000 });

    const view = await (await request.get(`/api/runs/${runId}`)).json();
    const bpc = view.run.metrics.bits_per_char as number;
    const row = page.getByTestId("metrics-table").locator('tr[data-metric="bits_per_char"]');
    await expect(row).toContainText("每字符比特数（越低越好）");
    // Bits, not percent.
    await expect(row.getByTestId("metric-value")).toHaveText(bpc.toFixed(2));
    await expect(page.getByTestId("perplexity-windows")).toContainText("窗口 300 个字符，步长 100");
    await expect(page.getByTestId("perplexity-documents").locator("tbody tr")).toHaveCount(6);
  });
});

test.describe("perplexity in en", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

  test("labels the metrics lower-is-better and lists the run's windows", async ({ page, request }) => {
    test.setTimeout(120_000);
    const modelId = await createModel(request, unique("e2e-ppl-en"));
    const started = await request.post("/api/runs", { data: { modelId, suiteId: "medical-text-ppl", settings: { limit: 4 } } });
    expect(started.status()).toBe(201);
    const runId = (await started.json()).run.id;
    await page.goto(`/runs/${runId}`);
    await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 90_000 });
    await expect(page.getByTestId("metrics-table").locator('tr[data-metric="bits_per_byte"]')).toContainText("Bits per UTF-8 byte (lower is better)");
    await expect(page.getByTestId("perplexity-windows")).toContainText(/Windows of 1,?024 characters, stride 512/);
  });
});
