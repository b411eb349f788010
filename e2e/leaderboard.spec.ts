import { expect, test } from "@playwright/test";

const paperModels = [
  "GPT-4",
  "GPT-3.5-Turbo",
  "Ziya-v1",
  "Ziya-v2",
  "Baichuan",
  "Taiyi",
  "MedicalGPT (Z)",
  "MedicalGPT (B)",
  "ChiMed-GPT",
];

test.describe("leaderboard", () => {
  test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

  test("shows the paper's nine models with their reported numbers in English", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();
    const mcq = page.getByTestId("leaderboard-mcq");
    for (const model of paperModels) await expect(mcq.getByRole("rowheader", { name: model, exact: true })).toBeVisible();
    // Only the paper's rows: measured runs that other specs add may sit in the same table, before or after this.
    await expect(mcq.getByRole("row").filter({ hasText: "Reported by the paper" })).toHaveCount(paperModels.length);
    const chimed = mcq.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "ChiMed-GPT", exact: true }) });
    // C-Eval, CMMLU, MedQA as printed in the paper.
    await expect(chimed).toContainText("68.29");
    await expect(chimed).toContainText("52.92");
    await expect(chimed).toContainText("44.50");
    await expect(chimed).toContainText("Reported by the paper");
    const ner = page.getByTestId("leaderboard-ner");
    await expect(ner.getByRole("row").filter({ hasText: "GPT-4" }).first()).toContainText("41.37");
    const dialogue = page.getByTestId("leaderboard-dialogue");
    await expect(dialogue.getByRole("row").filter({ hasText: "ChiMed-GPT" })).toContainText("42.16");
    await expect(page.getByTestId("reported-source")).toContainText("github.com/synlp/ChiMed-GPT");
  });

  test("follows the browser language and keeps the chosen language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "排行榜" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("leaderboard-mcq")).toContainText("论文报告");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();
    await page.goto("/suites");
    await expect(page.getByRole("heading", { level: 1, name: "Benchmark suites" })).toBeVisible();
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "评测集" })).toBeVisible();
    await context.close();
  });
});

test.describe("health", () => {
  test("answers 200 when the database answers", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
