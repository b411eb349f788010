import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const MODEL = `share-fake-${Math.random().toString(36).slice(2, 8)}`;
const serverAddress = new URL(FAKE_MODEL_URL).host;
let runId = "";

async function waitForCompletion(api: APIRequestContext, id: string) {
  await expect
    .poll(async () => (await (await api.get(`/api/runs/${id}`)).json()).run.status, { timeout: 120_000, intervals: [500] })
    .toBe("completed");
}

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(180_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const model = await api.post("/api/models", { data: { name: MODEL, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
  expect(model.status()).toBe(201);
  const run = await api.post("/api/runs", { data: { modelId: (await model.json()).model.id, suiteId: "cmmlu-medical", settings: { limit: 20, seed: 4 } } });
  expect(run.status(), await run.text()).toBe(201);
  runId = (await run.json()).run.id;
  await waitForCompletion(api, runId);
  await api.dispose();
});

/** Makes a link through the run page's Share form, as a researcher would, and returns its URL. */
async function shareFromRunPage(browser: Browser, { includeItems }: { includeItems: boolean }): Promise<string> {
  const context = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US" } });
  const page = await context.newPage();
  await page.goto(`/runs/${runId}`);
  await page.getByTestId("share-open").click();
  if (includeItems) await page.getByTestId("share-include-items").check();
  await page.getByTestId("share-create").click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await context.close();
  return url;
}

test("a shared run reads with JavaScript off: numbers, chart, settings and items, and nothing else", async ({ browser }) => {
  const url = await shareFromRunPage(browser, { includeItems: true });
  const reader = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US" } });
  const page = await reader.newPage();
  const response = (await page.goto(url))!;
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toBe("noindex");

  await expect(page.getByRole("heading", { level: 2, name: "Headline numbers" })).toBeVisible();
  await expect(page.getByTestId("share-metrics")).toContainText("%");
  await expect(page.getByTestId("share-chart")).toBeVisible();
  await expect(page.getByTestId("share-settings")).toContainText("cmmlu-medical");
  await expect(page.getByTestId("share-settings")).toContainText(MODEL);
  await expect(page.getByTestId("share-items").locator("tbody tr")).toHaveCount(20);

  const html = await response.text();
  expect(html).not.toContain(serverAddress);
  expect(html).not.toContain(runId);
  expect(html).toContain('property="og:image"');
  const image = await page.request.get(`${url}/og`);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  await reader.close();
});

test("the shared page in Chinese, on a phone, without JavaScript", async ({ browser }) => {
  const url = await shareFromRunPage(browser, { includeItems: false });
  const reader = await browser.newContext({
    javaScriptEnabled: false,
    locale: "zh-CN",
    extraHTTPHeaders: { "accept-language": "zh-CN" },
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const page = await reader.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 2, name: "主要结果" })).toBeVisible();
  await expect(page.getByText("此链接不包含逐题答案。")).toBeVisible();
  // CMMLU subjects by their Chinese names, as on the run page, not by their codes.
  const subjects = (await page.getByTestId("share-subsets").locator("tbody th").allInnerTexts()).filter(Boolean);
  expect(subjects.length).toBeGreaterThan(0);
  for (const subject of subjects) expect(subject).toMatch(/^[\u4e00-\u9fff]+$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await reader.close();
});

test("revoking from My share links closes the link; unknown tokens get the same 404", async ({ browser, page }) => {
  const url = await shareFromRunPage(browser, { includeItems: false });
  expect((await page.request.get(url)).status()).toBe(200);
  await page.goto("/shares");
  const row = page.getByTestId("share-row").first();
  await expect(row.getByTestId("share-views")).toHaveText("1");
  await row.getByTestId("share-revoke").click();
  await expect(row).toContainText("revoked");
  // Revoked and unknown: the same status and the same page (compared as a reader sees it).
  const seen: string[] = [];
  for (const target of [url, url.replace(/[A-Za-z0-9_-]{43}$/, "A".repeat(43))]) {
    const response = (await page.goto(target))!;
    expect(response.status()).toBe(404);
    seen.push(await page.locator("main").innerText());
  }
  expect(seen[0]).toBe(seen[1]);
});

test("a filtered leaderboard view shared from the board reads with JavaScript off, without ids or addresses", async ({ browser }) => {
  const maker = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US" } });
  const board = await maker.newPage();
  await board.goto(`/?model=${encodeURIComponent(MODEL)}&origin=measured`);
  await board.getByTestId("board-share-bar").getByTestId("share-open").click();
  await board.getByTestId("share-create").click();
  const url = await board.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await maker.close();

  const reader = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US" } });
  const page = await reader.newPage();
  const response = (await page.goto(url))!;
  expect(response.status()).toBe(200);
  expect(response.headers()["x-robots-tag"]).toBe("noindex");
  await expect(page.getByTestId("shared-page")).toHaveAttribute("data-kind", "leaderboard");
  await expect(page.getByTestId("leaderboard-view")).toContainText(MODEL);
  await expect(page.getByTestId("leaderboard-view").locator("table")).toHaveCount(1);
  const html = await response.text();
  expect(html).not.toContain(serverAddress);
  expect(html).not.toContain(runId);
  expect(html).toContain('property="og:image"');
  const image = await page.request.get(`${url}/og`);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  await reader.close();
});
