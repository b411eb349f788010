import { readFileSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
const PAIRS = 10;
const SCALE_ITEMS = 40;
// One tie and both sides, so the rater is not flagged for a response set and the tie switch changes the export.
const CHOICES = ["A", "B", "A", "A", "B", "tie", "A", "B", "A", "B"] as const;

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
    .poll(async () => (await (await api.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000, intervals: [300] })
    .toBe("completed");
  return runId;
}

let runIds: string[] = [];
let modelNames: string[] = [];

// Seeded through the API: two models answer the same 10 open-QA items (same limit and seed), and one takes CAMI,
// so the clinicians' row has bars beside it.
test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  modelNames = [unique("clinic-a"), unique("clinic-b")];
  const models = [await createModel(api, modelNames[0]), await createModel(api, modelNames[1])];
  const [runs] = await Promise.all([
    Promise.all(models.map((m) => finishedRun(api, m, "huatuo26m-test", { limit: PAIRS, seed: 7 }))),
    finishedRun(api, models[0], "cami", { samples: 1 }),
  ]);
  runIds = runs;
  await api.dispose();
});

const texts = {
  "zh-CN": {
    accept: "zh-CN,zh;q=0.9",
    hint: "您在多大程度上同意这一说法？",
    agree: "我同意，开始",
    A: "A 更好",
    B: "B 更好",
    tie: "差不多",
    next: "下一题",
    offline: "当前离线",
    done: "全部完成",
    row: /临床医生（n = \d+）/,
    preference: /人类偏好（n = \d+ 条评判）/,
    includeTies: "包含平局",
  },
  en: {
    accept: "en-US,en;q=0.9",
    hint: "How much do you agree with this statement?",
    agree: "I agree, start",
    A: "A is better",
    B: "B is better",
    tie: "Tie",
    next: "Next",
    offline: "Offline",
    done: "All done",
    row: /Clinicians \(n = \d+\)/,
    preference: /Human preference \(n = \d+ judgements\)/,
    includeTies: "Include ties",
  },
} as const;

async function downloadLines(page: Page, submit: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const download = page.waitForEvent("download");
  await submit();
  const file = await (await download).path();
  return readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

for (const language of ["zh-CN", "en"] as const) {
  test.describe(`clinicians in ${language}`, () => {
    test.use({ locale: language, extraHTTPHeaders: { "accept-language": texts[language].accept } });
    const t = texts[language];

    test(`a rater takes CAMI and rates ${PAIRS} pairs blind on a phone, offline and back; the researcher sees and exports it`, async ({
      page,
      context,
      request,
    }) => {
      test.setTimeout(120_000);
      const created = await request.post("/api/studies", {
        data: { title: unique(`study-${language}`), language, consentText: "consent", scaleSuiteIds: ["cami"], runIds, itemsPerRater: PAIRS },
      });
      expect(created.status(), await created.text()).toBe(201);
      const studyId = (await created.json()).study.id as string;
      const issued = await request.post(`/api/studies/${studyId}/raters`, { data: { labels: ["R1"] } });
      const [{ path }] = (await issued.json()).links as { path: string }[];
      const total = SCALE_ITEMS + PAIRS;

      await page.goto(path);
      await expect(page.getByTestId("consent-text")).toHaveText("consent");
      await page.getByRole("button", { name: t.agree }).click();
      await expect(page.getByTestId("rate-progress")).toHaveText(`1 / ${total}`);

      // The scale: the connection drops at item 21 and comes back once the page says it is offline.
      for (let i = 0; i < SCALE_ITEMS; i++) {
        if (i === 20) await context.setOffline(true);
        await page.getByRole("group", { name: t.hint }).getByRole("button").nth(i % 5).click();
        if (i === 20) {
          await expect(page.getByTestId("save-state")).toContainText(t.offline);
          await context.setOffline(false);
        }
        await expect(page.getByTestId("rate-progress")).toHaveText(`${i + 2} / ${total}`);
      }

      // The pairs: pairs 4–6 are answered offline; at pair 8 the answer reaches the server but its response is
      // lost (connection reset), so the page retries a request the server has already stored.
      let dropped = false;
      for (let p = 0; p < PAIRS; p++) {
        if (p === 3) await context.setOffline(true);
        if (p === 7) {
          await page.route("**/api/rate/*/answers/*", async (route) => {
            if (dropped) return route.fallback();
            dropped = true;
            await route.fetch();
            await route.abort("connectionreset");
          });
        }
        await expect(page.getByTestId("answer-left")).toBeVisible();
        for (const name of modelNames) expect(await page.content()).not.toContain(name);
        await page.getByRole("button", { name: t[CHOICES[p]], exact: true }).click();
        if (p === 5) {
          await expect(page.getByTestId("save-state")).toContainText(t.offline);
          await context.setOffline(false);
        }
        await page.getByRole("button", { name: t.next }).click();
      }
      await expect(page.getByTestId("rate-done")).toContainText(t.done);
      await expect(page.getByTestId("save-state")).not.toContainText(t.offline);
      expect(dropped).toBe(true);

      // Every answer stored once: 50 answered tasks, and one judgement per pair (9 decided + 1 tie) in the export.
      await expect
        .poll(async () => {
          const response = await request.get(`/api/studies/${studyId}`).catch(() => null);
          return response?.ok() ? ((await response.json()).raters[0] as { answered: number }).answered : null;
        })
        .toBe(total);
      const all = await request.get(`/api/studies/${studyId}/export?format=trl&ties=1`);
      expect((await all.text()).trim().split("\n")).toHaveLength(PAIRS);
      await page.reload();
      await expect(page.getByTestId("rate-done")).toBeVisible();

      // The researcher: the clinicians' row in the Figure-2 chart, human preference on the leaderboard, the export.
      await page.goto("/audits");
      await expect(page.getByTestId("bias-chart-cami")).toContainText(t.row);
      await expect(page.getByTestId("clinicians-cami")).toContainText(t.row);
      await page.goto("/");
      const preference = page.getByTestId("human-preference");
      await expect(preference.getByRole("heading")).toHaveText(t.preference);
      for (const name of modelNames) await expect(preference.getByTestId("bt-ranking")).toContainText(name);

      await page.goto(`/studies/${studyId}`);
      const form = page.getByTestId("study-export");
      const submit = () => form.locator("button[type=submit]").click();
      const decided = await downloadLines(page, submit);
      expect(decided).toHaveLength(PAIRS - 1);
      for (const line of decided) expect(Object.keys(line).sort()).toEqual(["chosen", "metadata", "prompt", "rejected"]);
      await form.getByLabel(t.includeTies).check();
      const withTies = await downloadLines(page, submit);
      expect(withTies).toHaveLength(PAIRS);
      expect(withTies.filter((l) => (l.metadata as { tie?: boolean }).tie)).toHaveLength(1);
    });
  });
}

test("an unknown rater link answers 404", async ({ page }) => {
  const response = await page.goto("/rate/AAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
});
