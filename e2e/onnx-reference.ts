// The reference the browser's answers are checked against: the same tiny model registered as an onnx-local model
// and run by the app's own server runner (onnx-local provider, its worker thread), so the browser run is compared
// with the answers that provider stored, item for item.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect } from "@playwright/test";
import { writeTinyModel } from "../scripts/tiny-model/build";

/** CHIMED_ONNX_DIR of the e2e server (playwright.config.ts); emptied with the rest of .e2e-data at its start. */
const ONNX_ROOT = path.resolve(import.meta.dirname, "../.e2e-data/models");

export async function registerOnnxModel(api: APIRequestContext, name: string): Promise<string> {
  mkdirSync(ONNX_ROOT, { recursive: true });
  writeTinyModel(path.join(ONNX_ROOT, name));
  const response = await api.post("/api/models/onnx", { data: { name, dir: name, dtype: "fp32" } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).model.id;
}

export async function finishedRun(api: APIRequestContext, runId: string) {
  await expect
    .poll(async () => (await (await api.get(`/api/runs/${runId}`)).json()).run.status, { timeout: 90_000 })
    .toMatch(/^(completed|failed|cancelled)/);
  return (await (await api.get(`/api/runs/${runId}`)).json()) as {
    run: { status: string; metrics: unknown; device: { backend: string } | null };
    progress: { total: number; done: number; errors: number };
  };
}

export interface StoredItem {
  id: number;
  rawResponse: string | null;
  parsed: unknown;
  scores: unknown;
}

/** A run's stored items by suite item and sample (what two runs of one suite share). */
export async function storedItems(api: APIRequestContext, runId: string): Promise<Map<string, StoredItem>> {
  const items = new Map<string, StoredItem>();
  for (let page = 1; ; page++) {
    const body = await (await api.get(`/api/runs/${runId}/items?page=${page}&pageSize=200`)).json();
    for (const r of body.items) items.set(`${r.externalId}#${r.sample}`, { id: r.id, rawResponse: r.rawResponse, parsed: r.parsed, scores: r.scores });
    if (page * 200 >= body.total) return items;
  }
}
