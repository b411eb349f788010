import { type APIRequestContext, expect, test } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function createModel(api: APIRequestContext, name: string): Promise<string> {
  const response = await api.post("/api/models", { data: { name, baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } });
  expect(response.status()).toBe(201);
  return (await response.json()).model.id;
}

async function finishedRun(api: APIRequestContext, modelId: string) {
  const response = await api.post("/api/runs", { data: { modelId, suiteId: "huatuo26m-test", settings: { limit: 3, seed: 11 } } });
  expect(response.status(), await response.text()).toBe(201);
  const runId = (await response.json()).run.id as string;
  await expect
    .poll(async () => (await (await api.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 120_000, intervals: [500] })
    .toBe("completed");
  return runId;
}

let studyId = "";
let runIds: string[] = [];
let judgeName = "";

// Two raters answer every pair through the rater API (the rater page itself is covered by clinic.spec.ts).
test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const models = [await createModel(api, unique("pref-a")), await createModel(api, unique("pref-b"))];
  judgeName = unique("judge");
  await createModel(api, judgeName);
  runIds = await Promise.all(models.map((m) => finishedRun(api, m)));
  const created = await api.post("/api/studies", {
    data: { title: unique("prefs"), language: "en", consentText: "ok", scaleSuiteIds: [], runIds, itemsPerRater: 3 },
  });
  expect(created.status(), await created.text()).toBe(201);
  studyId = (await created.json()).study.id;
  const issued = await api.post(`/api/studies/${studyId}/raters`, { data: { labels: ["R1", "R2"] } });
  for (const { path } of (await issued.json()).links as { path: string }[]) {
    const token = path.replace("/rate/", "");
    expect((await api.post(`/api/rate/${token}/consent`, { data: { consent: true } })).status()).toBe(200);
    const view = await (await api.get(`/api/rate/${token}`)).json();
    const pairs = view.tasks.filter((t: { kind: string }) => t.kind === "pair");
    for (const [i, task] of pairs.entries()) {
      const answer = await api.put(`/api/rate/${token}/answers/${task.id}`, { data: { kind: "pair", choice: i % 2 === 0 ? "left" : "right" } });
      expect(answer.status()).toBe(200);
    }
  }
  await api.dispose();
});

const texts = {
  en: { locale: "en-US,en;q=0.9", ranking: /From \d+ judgements/, preference: /Human preference \(n = \d+ judgements\)/, judges: "Judge models", start: "Start judging", by: "judged by" },
  "zh-CN": { locale: "zh-CN,zh;q=0.9", ranking: /基于 \d+ 条评判/, preference: /人类偏好（n = \d+ 条评判）/, judges: "评审模型", start: "开始评审", by: "由" },
} as const;

for (const language of ["en", "zh-CN"] as const) {
  test.describe(`preferences in ${language}`, () => {
    test.use({ locale: language, extraHTTPHeaders: { "accept-language": texts[language].locale } });
    const t = texts[language];

    test("the study shows agreement and the BT ranking; the leaderboard its human preference; TRL export downloads", async ({ page }) => {
      await page.goto(`/studies/${studyId}`);
      const stats = page.getByTestId("study-stats");
      await expect(stats.getByTestId("bt-ranking")).toContainText(t.ranking);
      await expect(stats.getByTestId("win-rate-matrix")).toBeVisible();
      const download = page.waitForEvent("download");
      await stats.getByTestId("study-export").locator("button[type=submit]").click();
      const file = await (await download).path();
      const { readFileSync } = await import("node:fs");
      const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(Object.keys(line).sort()).toEqual(["chosen", "metadata", "prompt", "rejected"]);

      await page.goto("/");
      await expect(page.getByTestId("human-preference").getByRole("heading")).toHaveText(t.preference);
    });

    test("a judge model grades a run, labelled with the judge", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(`/runs/${runIds[0]}`);
      const panel = page.getByTestId("run-judges");
      await expect(panel.getByRole("heading", { name: t.judges })).toBeVisible();
      await panel.getByTestId("judge-model").selectOption({ label: judgeName });
      await panel.getByRole("button", { name: t.start }).click();
      await expect(panel.getByTestId("judge-scores")).toContainText(judgeName, { timeout: 60_000 });
      await expect(panel.getByTestId("judge-scores")).toContainText(t.by);
    });
  });
}
