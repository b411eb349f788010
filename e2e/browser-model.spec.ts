import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { writeTinyModel } from "../scripts/tiny-model/build";
import { loadReference } from "./onnx-reference";

// Runs in the "webgpu" project (SwiftShader's software adapter) and the "wasm" project (no GPU): playwright.config.ts.
const dir = mkdtempSync(path.join(tmpdir(), "chimed-tiny-"));
writeTinyModel(dir);
const FILES = ["onnx/model.onnx", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"].map((f) => path.join(dir, f));

type Item = { id: number; messages: { role: string; content: string }[]; params: Record<string, unknown> };

async function startRun(api: APIRequestContext, modelId: string, suiteId: string, settings: object): Promise<string> {
  const response = await api.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).run.id;
}

/** Every prompt the page was given and every answer it posted, by run item id. */
function watch(page: Page) {
  const prompts = new Map<number, Item>();
  const answers = new Map<number, string>();
  page.on("response", async (r) => {
    if (!r.url().endsWith("/browser/claim") || r.status() !== 200) return;
    // A claim answered while its tab closes has no body to read any more.
    const body = (await r.json().catch(() => ({ items: [] }))) as { items: Item[] };
    for (const item of body.items) prompts.set(item.id, item);
  });
  page.on("request", (r) => {
    if (!r.url().endsWith("/browser/answers")) return;
    for (const a of (r.postDataJSON() as { answers: { id: number; text?: string }[] }).answers) {
      expect(answers.has(a.id), `item ${a.id} answered twice`).toBe(false);
      answers.set(a.id, a.text ?? "");
    }
  });
  return { prompts, answers };
}

const finished = (page: Page) => expect(page.getByTestId("browser-phase")).toHaveAttribute("data-phase", "finished", { timeout: 90_000 });

test.describe.configure({ mode: "serial" });

let modelId: string;

test.beforeAll(async ({ request }, info) => {
  const response = await request.post("/api/models/browser", {
    data: { name: `tiny-${info.project.name}-${Date.now()}`, source: { kind: "files" } },
  });
  expect(response.status()).toBe(201);
  modelId = (await response.json()).model.id;
});

test("a short suite runs in the page, answering item for item as onnxruntime-node does", async ({ page, request }, info) => {
  // Generous bounds for a loaded machine; an idle one takes about a third.
  test.setTimeout(150_000);
  const backend = info.project.name === "webgpu" ? "webgpu" : "wasm";
  const reference = await loadReference(dir);
  // SwiftShader emulates the GPU on this machine's CPU (about 10 tokens/s): the WebGPU project runs 8 mcq items
  // with two-token answers, which still goes through loading, prefill, decode and the posted answers.
  const runs =
    backend === "webgpu"
      ? [await startRun(request, modelId, "cmmlu-medical", { limit: 8, maxTokens: 2 })]
      : [
          await startRun(request, modelId, "cmmlu-medical", { limit: 20, maxTokens: 4 }),
          await startRun(request, modelId, "mica4", { samples: 1, greedyPass: false, temperature: 0, maxTokens: 2 }),
        ];
  for (const [i, runId] of runs.entries()) {
    const seen = watch(page);
    await page.goto(`/runs/${runId}/browser`);
    if (i === 0) {
      await page.getByTestId("model-files").setInputFiles(FILES);
      await page.getByTestId("load-files").click();
    } else {
      // The second load reads the files the first one cached.
      await page.getByTestId("load-cache").click();
    }
    await finished(page);
    await expect(page.getByTestId("device-backend")).toHaveAttribute("data-backend", backend);
    const { run, progress } = await (await request.get(`/api/runs/${runId}`)).json();
    expect(run.status).toMatch(/^completed/);
    expect(run.device.backend).toBe(backend);
    expect(progress.done + progress.errors).toBe(progress.total);
    expect(seen.answers.size).toBe(progress.total);
    const differ: string[] = [];
    for (const [id, item] of seen.prompts) {
      const expected = await reference(item.messages as never, item.params);
      if (seen.answers.get(id) !== expected) differ.push(`item ${id}: ${JSON.stringify(seen.answers.get(id))} ≠ ${JSON.stringify(expected)}`);
    }
    expect(differ).toEqual([]);
  }
});

test("a tab closed mid-run and reopened: every item answered and scored once", async ({ browser, request }, info) => {
  test.skip(info.project.name === "webgpu", "the leases do not depend on the backend; WASM is faster");
  test.setTimeout(150_000);
  const runId = await startRun(request, modelId, "cmmlu-medical", { limit: 12, sampleSeed: 99, maxTokens: 8 });
  const context = await browser.newContext();
  const first = await context.newPage();
  const a = watch(first);
  await first.goto(`/runs/${runId}/browser`);
  await first.getByTestId("model-files").setInputFiles(FILES);
  await first.getByTestId("load-files").click();
  await expect.poll(() => a.answers.size, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await first.close({ runBeforeUnload: true });
  const second = await context.newPage();
  const b = watch(second);
  await second.goto(`/runs/${runId}/browser`);
  // The first tab cached the files: the reopened page needs no new pick.
  await second.getByTestId("load-cache").click();
  await finished(second);
  const { progress } = await (await request.get(`/api/runs/${runId}`)).json();
  expect(progress).toMatchObject({ total: 12, done: 12, errors: 0, pending: 0, running: 0 });
  // The reopened page went on from where the first stopped instead of starting over.
  expect(b.answers.size).toBeLessThanOrEqual(12 - 3);
  await context.close();
});
