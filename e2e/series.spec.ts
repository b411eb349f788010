import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { FAKE_MODEL_URL } from "./fake-model";

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

// API bodies are read loosely here; the assertions check their shape.
async function created(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<any> {
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

async function finished(request: APIRequestContext, runIds: string[]) {
  for (const id of runIds) {
    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).run.status, { timeout: 60_000 }).toBe("completed");
  }
}

// Hugging Face Trainer's trainer_state.json: training loss every 50 steps, evaluation loss at each checkpoint.
const trainerState = {
  global_step: 300,
  log_history: [
    ...[50, 100, 150, 200, 250, 300].map((step, i) => ({ epoch: step / 300, learning_rate: 2e-5, loss: 2 - i * 0.25, step })),
    ...[100, 200, 300].map((step, i) => ({ epoch: step / 300, eval_loss: 1.9 - i * 0.3, step })),
  ],
};

let seriesId: string;
let lineageId: string;
let checkpointRuns: string[];
let baseRun: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  const model = (await created(await request.post("/api/models", { data: { name: unique("e2e-series"), baseUrl: FAKE_MODEL_URL, modelId: "fake-chimed" } }))).model;
  seriesId = model.id;
  // The fake server answers "fake-chimed@N" as another checkpoint (its seed shifted by N).
  const checkpoints = [];
  for (const [name, step, stage] of [["ckpt-100", 100, "sft"], ["ckpt-200", 200, "sft"], ["ckpt-300", 300, "rlhf"]] as const) {
    checkpoints.push((await created(await request.post(`/api/models/${seriesId}/checkpoints`, { data: { name, step, stage, modelId: `fake-chimed@${step}` } }))).checkpoint);
  }
  const settings = { limit: 20 };
  const { runs } = await created(await request.post(`/api/models/${seriesId}/series/runs`, { data: { suiteId: "cmmlu-medical", settings } }));
  checkpointRuns = runs.map((r: { id: string }) => r.id);
  expect(runs.map((r: { modelId: string }) => r.modelId)).toEqual(checkpoints.map((c) => c.modelId));
  expect(new Set(runs.map((r: { configHash: string; settings: unknown }) => JSON.stringify(r.settings))).size).toBe(1);
  baseRun = (await created(await request.post("/api/runs", { data: { modelId: seriesId, suiteId: "cmmlu-medical", settings } }))).run.id;
  const bias = await Promise.all(
    [seriesId, checkpoints[2].modelId].map(async (modelId) => (await created(await request.post("/api/runs", { data: { modelId, suiteId: "mica4" } }))).run.id),
  );
  await finished(request, [...checkpointRuns, baseRun, ...bias]);

  const log = await created(
    await request.post(`/api/models/${seriesId}/training-logs?name=trainer_state.json`, { data: JSON.stringify(trainerState), headers: { "content-type": "application/json" } }),
  );
  expect(log.log).toMatchObject({ format: "trainer_state", steps: 6, metrics: ["epoch", "learning_rate", "loss", "eval_loss"] });

  lineageId = (
    await created(
      await request.post("/api/lineages", {
        data: {
          name: unique("e2e-lineage"),
          stages: [
            { label: "base", modelId: seriesId },
            { label: "SFT", modelId: checkpoints[0].modelId },
            { label: "RLHF", modelId: checkpoints[2].modelId },
          ],
        },
      }),
    )
  ).lineage.id;
});

test("a bad training log is refused whole with its line and field named", async ({ request }) => {
  const response = await request.post(`/api/models/${seriesId}/training-logs`, { data: "step,loss\n10,0.5\n20,lots\n", headers: { "content-type": "text/csv" } });
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({ error: 'line 3, field "loss": "lots" is not a number', details: { line: 3, field: "loss" } });
});

test("the lineage API pairs each stage with the one before over the same items", async ({ request }) => {
  const view = await (await request.get(`/api/lineages/${lineageId}`)).json();
  const row = view.rows.find((r: { suiteId: string }) => r.suiteId === "cmmlu-medical");
  const sft = row.cells[1].step;
  expect(sft).toMatchObject({ against: 0, metric: "accuracy", n: 20, test: "mcnemar" });
  const compared = await (await request.get(`/api/compare?runs=${baseRun},${checkpointRuns[0]}`)).json();
  expect(sft.difference).toBeCloseTo(compared.pairs[0].tests.accuracy.difference, 12);
  expect(sft.pValue).toBeCloseTo(compared.pairs[0].tests.accuracy.pValue, 12);
  const mica = view.rows.find((r: { suiteId: string }) => r.suiteId === "mica4");
  expect(mica.cells.map((c: { gap: string | null }) => c.gap)).toEqual([null, "no_run", null]);
  expect(mica.cells[2].step).toMatchObject({ against: 0, metric: "mean", test: "bootstrap" });
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/series-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/series-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

for (const [locale, accept, text] of [
  ["en", "en-US,en;q=0.9", { title: "Checkpoints and training curves", vs: "vs base", noRun: "no run" }],
  ["zh-CN", "zh-CN,zh;q=0.9", { title: "检查点与训练曲线", vs: "对比 base", noRun: "无运行" }],
] as const) {
  test.describe(`series and lineage in ${locale}`, () => {
    test.use({ locale, extraHTTPHeaders: { "accept-language": accept } });

    test("series page: accuracy against step with intervals, losses on the same axis; lineage table", async ({ page }) => {
      await page.goto(`/models/${seriesId}/series`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(text.title);
      const points = page.locator('[data-testid="series-points"][data-suite="cmmlu-medical"] tbody tr');
      await expect(points).toHaveCount(3);
      await expect(points.nth(0)).toHaveAttribute("data-step", "100");
      await expect(points.nth(2)).toHaveAttribute("data-step", "300");
      await expect(page.getByTestId("series-chart").locator(".recharts-line")).toHaveCount(3);
      await expect(page.getByTestId("series-log-picker").getByLabel("trainer_state.json · loss")).toBeChecked();
      await shoot(page, `page-${locale}`);

      await page.goto(`/lineages/${lineageId}`);
      const table = page.getByTestId("lineage-table");
      await expect(table.locator("thead th")).toHaveCount(4);
      const row = table.locator('tr[data-suite="cmmlu-medical"]');
      await expect(row.locator('[data-stage="1"] [data-testid="stage-step"]')).toContainText(text.vs);
      await expect(row.locator('[data-stage="1"] [data-testid="stage-step"]')).toContainText("p = ");
      await expect(table.locator('tr[data-suite="mica4"] [data-stage="1"]')).toHaveText(text.noRun);
      await shoot(page, `lineage-${locale}`);
    });
  });
}
