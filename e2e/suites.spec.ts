import { expect, test } from "@playwright/test";

test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

const expectedCounts: Record<string, string> = {
  "cmmlu-medical": "2,047",
  "cmedqa-ner": "215",
  "cehr-ner": "41",
  "cmb-clin": "208",
  "huatuo26m-test": "6,000",
  cmtmedqa: "1,144",
  cami: "40",
  mica4: "16",
};

test.describe("suites", () => {
  test("lists every bundled suite with its item count, task, licence and source", async ({ page }) => {
    await page.goto("/suites");
    const table = page.getByTestId("suites-table");
    for (const [id, count] of Object.entries(expectedCounts)) {
      const row = table.locator(`tr[data-suite="${id}"]`);
      await expect(row.getByTestId("item-count")).toHaveText(count);
    }
    await expect(table.locator('tr[data-suite="cmmlu-medical"]')).toContainText("CC BY-NC-SA 4.0");
    await expect(table.locator('tr[data-suite="cmmlu-medical"]')).toContainText("Multiple-choice QA");
    await expect(table.locator('tr[data-suite="cmedqa-ner"]')).toContainText("Apache-2.0");
    await expect(table.locator('tr[data-suite="cmedqa-ner"]')).toContainText("github.com/alibaba-research/ChineseBLUE");
  });

  test("browses a suite's items page by page", async ({ page }) => {
    await page.goto("/suites");
    await page.locator('tr[data-suite="cmmlu-medical"]').getByRole("link").first().click();
    await expect(page).toHaveURL(/\/suites\/cmmlu-medical/);
    await expect(page.getByTestId("suite-items").locator("> li")).toHaveCount(20);
    await expect(page.getByTestId("pager-status").first()).toContainText("Page 1 of 103");
    await page.getByRole("link", { name: "Next" }).first().click();
    await expect(page.getByTestId("pager-status").first()).toContainText("Page 2 of 103");
    await expect(page.getByTestId("pager-status").first()).toContainText("21–40 of 2047");
    await page.goto("/suites/cmmlu-medical?page=103");
    await expect(page.getByTestId("suite-items").locator("> li")).toHaveCount(7);
  });

  test("shows dialogue turns and scale items as text", async ({ page }) => {
    await page.goto("/suites/cmtmedqa");
    await expect(page.getByTestId("suite-items").locator("> li").first()).toContainText("Patient");
    await page.goto("/suites/cami");
    await expect(page.getByTestId("suite-items")).toContainText("Agreeing expresses stigma");
    await expect(page.getByText("Taylor SM, Dear MJ (1981)")).toBeVisible();
  });

  test("answers 404 for an unknown suite, in the page and the API", async ({ page, request }) => {
    const response = await page.goto("/suites/no-such-suite");
    expect(response?.status()).toBe(404);
    const api = await request.get("/api/suites/no-such-suite/items");
    expect(api.status()).toBe(404);
    expect((await api.json()).error).toContain("no-such-suite");
  });

  test("serves items as JSON with pagination", async ({ request }) => {
    const response = await request.get("/api/suites/cmedqa-ner/items?page=2&pageSize=50");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.total).toBe(215);
    expect(body.items).toHaveLength(50);
    expect(body.items[0].gold.entities.length).toBeGreaterThan(0);
  });
});
