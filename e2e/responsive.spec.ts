import { expect, test } from "@playwright/test";

test.describe("phone layout", () => {
  test("the leaderboard fits the screen and scrolls its tables sideways", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("leaderboard-mcq")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expect(page.getByRole("navigation", { name: "main" })).toBeVisible();
  });
});
