import { type APIRequestContext, expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

// The phone: 390 CSS pixels wide.
const PHONE_WIDTH = 390;
test.use({ viewport: { width: PHONE_WIDTH, height: 844 } });

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function finishedRun(request: APIRequestContext, modelId: string, suiteId: string, settings: object): Promise<string> {
  const response = await request.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status()).toBe(201);
  const id = (await response.json()).run.id as string;
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).run.status, { timeout: 60_000 })
    .toBe("completed");
  return id;
}

/** Every page kind of the app, with real content behind the pages that need a run. */
async function pagesToCheck(request: APIRequestContext): Promise<string[]> {
  const created = await request.post("/api/models", {
    data: { name: unique("e2e-phone-model-with-a-rather-long-name"), baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" },
  });
  expect(created.status()).toBe(201);
  const modelId = (await created.json()).model.id as string;
  const mcq = await finishedRun(request, modelId, "cmmlu-medical", { limit: 5 });
  const cami = await finishedRun(request, modelId, "cami", { samples: 1, limit: 3 });
  const item = (await (await request.get(`/api/runs/${mcq}/items`)).json()).items[0];
  return [
    "/",
    "/runs",
    `/runs/${mcq}`,
    `/runs/${mcq}/items/${item.id}`,
    "/models",
    "/audits",
    `/audits/${cami}`,
    "/suites",
    "/suites/cmmlu-medical",
    "/suites/import",
    "/no-such-page",
  ];
}

for (const [locale, accept] of [
  ["en-US", "en-US,en;q=0.9"],
  ["zh-CN", "zh-CN,zh;q=0.9"],
] as const) {
  test.describe(`phone layout (${locale})`, () => {
    test.use({ locale, extraHTTPHeaders: { "accept-language": accept } });

    test("no page scrolls sideways and the header stays within two lines", async ({ page, request }) => {
      test.setTimeout(180_000);
      for (const path of await pagesToCheck(request)) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // Against the phone's width, not window.innerWidth: a mobile browser widens its layout viewport to fit
        // content that overflows, and innerWidth grows with it.
        const overflow = (await page.evaluate(() => document.documentElement.scrollWidth)) - PHONE_WIDTH;
        expect(overflow, `${path} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(1);
        const headerHeight = await page.locator("header.site-header").evaluate((el) => el.getBoundingClientRect().height);
        expect(headerHeight, `${path}: header ${headerHeight}px`).toBeLessThan(110);
        await expect(page.getByRole("navigation", { name: "main" })).toBeVisible();
      }
    });
  });
}

test("the leaderboard keeps model names in view while its table scrolls sideways", async ({ page }) => {
  await page.goto("/");
  const table = page.getByTestId("leaderboard-mcq");
  await expect(table).toBeVisible();
  const firstCell = table.locator("tbody tr").first().locator("> :first-child");
  expect(await firstCell.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
});

test("the navigation marks the current section", async ({ page }) => {
  await page.goto("/suites/cmmlu-medical");
  await expect(page.getByRole("navigation", { name: "main" }).locator('[aria-current="page"]')).toHaveAttribute("href", "/suites");
});
