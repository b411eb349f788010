import { expect, test } from "@playwright/test";

test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

const suffix = () => Math.random().toString(36).slice(2, 8);
const jsonl = (rows: object[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");

test.describe("suite import", () => {
  test("previews a JSONL file, imports it and links to the new suite", async ({ page }) => {
    const id = `e2e-mcq-${suffix()}`;
    await page.goto("/runs");
    await page.getByRole("link", { name: "Import a suite" }).click();
    await expect(page).toHaveURL(/\/suites\/import$/);
    await page.getByLabel("File").setInputFiles({
      name: `${id}.jsonl`,
      mimeType: "application/jsonl",
      buffer: jsonl([
        { question: "高血压的诊断标准是？", A: "140/90 mmHg", B: "120/80 mmHg", C: "160/100 mmHg", D: "100/60 mmHg", answer: "A" },
        { question: "<b>not bold</b> 成人正常体温？", A: "36–37 ℃", B: "38–39 ℃", answer: "A" },
        { question: "糖尿病的典型症状？", A: "三多一少", B: "咳嗽", C: "皮疹", answer: "a" },
      ]),
    });
    await page.getByLabel("Task").selectOption("mcq");
    await page.getByLabel("Suite id").fill(id);
    await page.getByLabel("Name").fill(`E2E suite ${id}`);
    await page.getByLabel("Licence").fill("CC0-1.0");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview.getByTestId("preview-total")).toHaveText("3 items in the file");
    await expect(preview).toContainText("高血压的诊断标准是？");
    await expect(preview).toContainText("<b>not bold</b>");

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("import-done")).toContainText("Imported 3 items.");
    await page.getByRole("link", { name: `Open suite ${id}` }).click();
    await expect(page).toHaveURL(new RegExp(`/suites/${id}$`));
    await expect(page.getByTestId("suite-items").locator("> li")).toHaveCount(3);
    await expect(page.getByText("CC0-1.0")).toBeVisible();
  });

  test("rejects a file whose line 2 has no answer, naming the line and the field", async ({ page, request }) => {
    const id = `e2e-bad-${suffix()}`;
    await page.goto("/suites/import");
    await page.getByLabel("File").setInputFiles({
      name: "bad.jsonl",
      mimeType: "application/jsonl",
      buffer: jsonl([
        { question: "q1", A: "a", B: "b", answer: "A" },
        { question: "q2", A: "a", B: "b" },
      ]),
    });
    await page.getByLabel("Suite id").fill(id);
    await page.getByLabel("Name").fill("bad");
    await page.getByRole("button", { name: "Preview" }).click();
    const error = page.getByTestId("api-error");
    await expect(error).toContainText("bad.jsonl line 2");
    const row = error.getByTestId("import-issues").locator("tbody tr").first();
    await expect(row.locator("td").nth(1)).toHaveText("2");
    await expect(row.locator("td").nth(2)).toHaveText("answer");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);

    // Nothing can be imported from a file the preview rejected.
    await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
    expect((await request.get(`/api/suites/${id}/items`)).status()).toBe(404);
  });

  test("imports a file over 1 MB through the parser thread of the built app", async ({ request }) => {
    const id = `e2e-large-${suffix()}`;
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ question: `下列哪项是高血压的常见并发症？第 ${i} 题`, A: "脑卒中", B: "骨折", answer: "A" }));
    const buffer = jsonl(rows);
    expect(buffer.byteLength).toBeGreaterThan(1 << 20);
    const response = await request.post("/api/suites/import", {
      multipart: { file: { name: "large.jsonl", mimeType: "application/jsonl", buffer }, taskKind: "mcq", id, name: "large" },
    });
    expect(response.status(), await response.text()).toBe(201);
    expect(await response.json()).toMatchObject({ id, items: 12_000, result: "created" });
  });
});
