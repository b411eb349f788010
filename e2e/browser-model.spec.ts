import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { writeTinyModel } from "../scripts/tiny-model/build";
import { finishedRun, registerOnnxModel, storedItems } from "./onnx-reference";

// Runs in the "webgpu" project (SwiftShader's software adapter) and the "wasm" project (no GPU): playwright.config.ts.
const dir = mkdtempSync(path.join(tmpdir(), "chimed-tiny-"));
writeTinyModel(dir);
const FILES = ["onnx/model.onnx", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"].map((f) => path.join(dir, f));

async function startRun(api: APIRequestContext, modelId: string, suiteId: string, settings: object): Promise<string> {
  const response = await api.post("/api/runs", { data: { modelId, suiteId, settings } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).run.id;
}

/** Every answer the page posted, by run item id. */
function watch(page: Page) {
  const answers = new Map<number, string>();
  page.on("request", (r) => {
    if (!r.url().endsWith("/browser/answers")) return;
    for (const a of (r.postDataJSON() as { answers: { id: number; text?: string }[] }).answers) {
      expect(answers.has(a.id), `item ${a.id} answered twice`).toBe(false);
      answers.set(a.id, a.text ?? "");
    }
  });
  return { answers };
}

const finished = (page: Page) => expect(page.getByTestId("browser-phase")).toHaveAttribute("data-phase", "finished", { timeout: 90_000 });

test.describe.configure({ mode: "serial" });

let modelId: string;
/** The same model as an onnx-local model: the server runs it, and its stored answers are the reference. */
let onnxModelId: string;

test.beforeAll(async ({ request }, info) => {
  const name = `tiny-${info.project.name}-${Date.now()}`;
  const response = await request.post("/api/models/browser", { data: { name, source: { kind: "files" } } });
  expect(response.status()).toBe(201);
  modelId = (await response.json()).model.id;
  onnxModelId = await registerOnnxModel(request, `${name}-onnx`);
});

test("a short suite runs in the page, answering item for item as the onnx-local provider does", async ({ page, request }, info) => {
  // Generous bounds for a loaded machine; an idle one takes about a third.
  test.setTimeout(150_000);
  const backend = info.project.name === "webgpu" ? "webgpu" : "wasm";
  // SwiftShader emulates the GPU on this machine's CPU (about 10 tokens/s): the WebGPU project runs 8 mcq items
  // with two-token answers, which still goes through loading, prefill, decode and the posted answers.
  const suites: [string, object][] =
    backend === "webgpu"
      ? [["cmmlu-medical", { limit: 8, maxTokens: 2 }]]
      : [
          ["cmmlu-medical", { limit: 20, maxTokens: 4 }],
          ["mica4", { samples: 1, greedyPass: false, temperature: 0, maxTokens: 2 }],
          // The likelihood answer mode: the letters' logprobs (the item's logprobLabels) as the page posts them.
          ["cmmlu-medical", { limit: 8, answerMode: "logprobs", maxTokens: 1, sampleSeed: 5 }],
        ];
  // The server's runner works through the onnx-local runs while the page generates.
  const references = await Promise.all(suites.map(([suite, settings]) => startRun(request, onnxModelId, suite, settings)));
  for (const [i, [suite, settings]] of suites.entries()) {
    const runId = await startRun(request, modelId, suite, settings);
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
    const { run, progress } = await finishedRun(request, runId);
    expect(run.status).toMatch(/^completed/);
    expect(run.device!.backend).toBe(backend);
    expect(progress.done + progress.errors).toBe(progress.total);
    expect(seen.answers.size).toBe(progress.total);
    const reference = await finishedRun(request, references[i]);
    expect(reference.run.status).toMatch(/^completed/);
    const [mine, theirs] = await Promise.all([storedItems(request, runId), storedItems(request, references[i])]);
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    const differ: string[] = [];
    for (const [key, item] of mine) {
      const expected = theirs.get(key)!;
      // What the page posted is what was stored, and equals the onnx-local provider's answer to the same item.
      if (seen.answers.get(item.id) !== item.rawResponse) differ.push(`${key}: posted ${JSON.stringify(seen.answers.get(item.id))}, stored ${JSON.stringify(item.rawResponse)}`);
      if (item.rawResponse !== expected.rawResponse) differ.push(`${key}: ${JSON.stringify(item.rawResponse)} ≠ onnx-local ${JSON.stringify(expected.rawResponse)}`);
      else expect([item.parsed, item.scores]).toEqual([expected.parsed, expected.scores]);
    }
    expect(differ).toEqual([]);
    const answersVary = new Set([...mine.values()].map((m) => JSON.stringify([m.rawResponse, m.parsed]))).size > 1;
    expect(answersVary, "the tiny model answers items differently").toBe(true);
    expect(run.metrics).toEqual(reference.run.metrics);
  }
});

test("a tab closed mid-run and reopened: every item answered and scored once", async ({ browser, request }, info) => {
  test.skip(info.project.name === "webgpu", "the leases do not depend on the backend; WASM is faster");
  test.setTimeout(150_000);
  const runId = await startRun(request, modelId, "cmmlu-medical", { limit: 12, sampleSeed: 99, maxTokens: 8 });
  const context = await browser.newContext();
  const first = await context.newPage();
  // The first tab gets 3 answers through, then its posts hang: it is closed mid-run however fast this machine
  // generates (an idle one answered all 12 before a close that raced it).
  let delivered = 0;
  await first.route("**/browser/answers", async (route) => {
    if (delivered >= 3) return; // never answered: the tab closes with these in flight
    delivered += (route.request().postDataJSON() as { answers: unknown[] }).answers.length;
    await route.continue();
  });
  watch(first);
  await first.goto(`/runs/${runId}/browser`);
  await first.getByTestId("model-files").setInputFiles(FILES);
  await first.getByTestId("load-files").click();
  await expect.poll(() => delivered, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
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
  expect(b.answers.size).toBeGreaterThan(0);
  await context.close();
});
