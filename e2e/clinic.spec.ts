import { type APIRequestContext, expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function createModel(api: APIRequestContext, name: string): Promise<string> {
  const response = await api.post("/api/models", { data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

async function finishedRun(api: APIRequestContext, modelId: string, suiteId: string, settings: Record<string, unknown>) {
  const response = await api.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status(), await response.text()).toBe(201);
  const runId = (await response.json()).run.id as string;
  await expect
    .poll(async () => (await (await api.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000, intervals: [500] })
    .toBe("completed");
  return runId;
}

let runIds: string[] = [];

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const models = [await createModel(api, unique("clinic-a")), await createModel(api, unique("clinic-b"))];
  // The same items for both (same limit and seed), so every pair has two answers.
  runIds = await Promise.all(models.map((m) => finishedRun(api, m, "huatuo26m-test", { limit: 4, seed: 7 })));
  // A model's CAMI run, so the clinicians' row has bars beside it.
  await finishedRun(api, models[0], "cami", { samples: 1 });
  await api.dispose();
});

const texts = {
  "zh-CN": { hint: "您在多大程度上同意这一说法？", agree: "我同意，开始", pickA: "A 更好", next: "下一题", offline: "当前离线", done: "全部完成", row: /临床医生（n = \d+）/ },
  en: { hint: "How much do you agree with this statement?", agree: "I agree, start", pickA: "A is better", next: "Next", offline: "Offline", done: "All done", row: /Clinicians \(n = \d+\)/ },
} as const;

for (const language of ["zh-CN", "en"] as const) {
  test(`a rater takes CAMI and rates pairs blind on a phone, offline and back, in ${language}`, async ({ page, context, request }) => {
    test.setTimeout(180_000);
    const t = texts[language];
    const created = await request.post("/api/studies", {
      data: { title: unique(`study-${language}`), language, consentText: "consent", scaleSuiteIds: ["cami"], runIds, itemsPerRater: 3 },
    });
    expect(created.status(), await created.text()).toBe(201);
    const studyId = (await created.json()).study.id as string;
    const issued = await request.post(`/api/studies/${studyId}/raters`, { data: { labels: ["R1"] } });
    const [{ path }] = (await issued.json()).links as { path: string }[];

    await page.goto(path);
    await expect(page.getByTestId("consent-text")).toHaveText("consent");
    await page.getByRole("button", { name: t.agree }).click();
    await expect(page.getByTestId("rate-progress")).toHaveText("1 / 43");

    for (let i = 0; i < 40; i++) {
      if (i === 20) await context.setOffline(true);
      const options = page.getByRole("group", { name: t.hint }).getByRole("button");
      await options.nth(i % 5).click();
      if (i === 20) {
        await expect(page.getByTestId("save-state")).toContainText(t.offline);
        await context.setOffline(false);
      }
      await expect(page.getByTestId("rate-progress")).toHaveText(`${i + 2} / 43`);
    }
    for (let p = 0; p < 3; p++) {
      await expect(page.getByTestId("answer-left")).toBeVisible();
      const html = await page.content();
      expect(html).not.toContain("clinic-a");
      await page.getByRole("button", { name: t.pickA }).click();
      await page.getByRole("button", { name: t.next }).click();
    }
    await expect(page.getByTestId("rate-done")).toContainText(t.done);
    await expect(page.getByTestId("save-state")).not.toContainText(t.offline);

    // Every answer stored exactly once, and coming back resumes at the end.
    await expect
      .poll(async () => {
        const response = await request.get(`/api/studies/${studyId}`).catch(() => null);
        return response?.ok() ? ((await response.json()).raters[0] as { answered: number }).answered : null;
      })
      .toBe(43);
    await page.reload();
    await expect(page.getByTestId("rate-done")).toBeVisible();

    // The researcher sees the clinicians' row beside the models on the bias audit.
    await page.goto("/audits");
    await expect(page.getByTestId("clinicians-cami")).toBeVisible();
    await expect(page.getByTestId("clinicians-cami")).toContainText(/Clinicians \(n = \d+\)|临床医生（n = \d+）/);
  });
}

test("an unknown rater link answers 404", async ({ page }) => {
  const response = await page.goto("/rate/AAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
});
