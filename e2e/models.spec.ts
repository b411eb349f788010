import { expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

test.use({ locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

test.describe("models page", () => {
  test("registers the fake server through the form, after testing the connection", async ({ page }) => {
    const name = unique("e2e-fake");
    await page.goto("/models");
    const form = page.getByRole("form", { name: "Add a model", exact: true });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Base URL").fill(FAKE_MODEL_URL);
    await form.getByLabel("Model id").fill("fake-chimed");
    await form.getByRole("button", { name: "Test connection" }).click();
    const result = form.getByTestId("connection-result");
    await expect(result).toContainText("Connected");
    await expect(result).toContainText("200");
    await expect(result.getByTestId("connection-models")).toContainText("fake-chimed");
    await expect(result.getByTestId("connection-sample")).not.toBeEmpty();

    await form.getByRole("button", { name: "Add model" }).click();
    const card = page.locator(`[data-model="${name}"]`);
    await expect(card).toContainText(FAKE_MODEL_URL);
    await expect(card).toContainText("fake-chimed");
    await expect(card.getByTestId("key-source")).toHaveText("none");
    await expect(form.getByLabel("Name")).toHaveValue("");

    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.getByTestId("connection-models")).toContainText("fake-chimed");
  });

  test("labels the baselines and shows where a key comes from, never the key", async ({ page, request }) => {
    const name = unique("e2e-env");
    const created = await request.post("/api/models", {
      data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed", apiKeyEnv: "SOME_PROVIDER_API_KEY" },
    });
    expect(created.status()).toBe(201);
    await page.goto("/models");
    await expect(page.locator('[data-model="Uniform random (baseline)"]')).toContainText("baseline");
    await expect(page.locator(`[data-model="${name}"]`).getByTestId("key-source")).toHaveText("from env SOME_PROVIDER_API_KEY");
  });

  test("shows the API's validation errors in the form", async ({ page }) => {
    await page.goto("/models");
    const form = page.getByRole("form", { name: "Add a model", exact: true });
    await form.getByLabel("Name").fill(unique("e2e-bad"));
    await form.getByLabel("Base URL").fill("not a url");
    await form.getByLabel("Model id").fill("x");
    await form.getByRole("button", { name: "Add model" }).click();
    const error = form.getByTestId("api-error");
    await expect(error).toContainText("The server refused these values");
    await expect(error).toContainText("baseUrl");
  });

  test("edits a model and deletes it after confirmation", async ({ page, request }) => {
    const name = unique("e2e-edit");
    await request.post("/api/models", { data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
    await page.goto("/models");
    const card = page.locator(`[data-model="${name}"]`);
    await card.getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: `Edit ${name}` });
    await form.getByLabel("Concurrency").fill("3");
    await form.getByLabel("Temperature").fill("0.5");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(card).toContainText("temperature=0.5");
    await expect(card).toContainText("3");

    await card.getByRole("button", { name: "Delete" }).click();
    await expect(card.getByRole("alertdialog")).toContainText(`Delete ${name} and all of its runs?`);
    await card.getByRole("button", { name: "Yes, delete" }).click();
    await expect(card).toHaveCount(0);
    const list = await (await request.get("/api/models")).json();
    expect(list.models.map((m: { name: string }) => m.name)).not.toContain(name);
  });
});
