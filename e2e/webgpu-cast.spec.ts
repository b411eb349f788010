import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { tokenLogprobs } from "../lib/onnx/generate";
import type { ModelSideFiles } from "../lib/onnx/load";
import { loadOnnxModel } from "../lib/providers/onnx-session";
import { bundlePage } from "../scripts/cli/bundle-page";
import { writeTinyModel } from "../scripts/tiny-model/build";

// Runs in the "webgpu" project only (playwright.config.ts). Rotary exports (Qwen, Llama…) compute positions in the
// graph from the int64 position_ids (Cast to float, then Sin/Cos); onnxruntime-web's default JSEP build got the
// tiny decoder built that way wrong on WebGPU (every answer the same token). This page loads the app's own
// onnxruntime-web import and the runtime files the app serves (public/ort), and scores a prompt with that model.
const ROOT = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "chimed-cast-"));
writeTinyModel(dir, { positions: "cast" });
const json = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
const files: ModelSideFiles = {
  config: json("config.json"),
  generationConfig: json("generation_config.json"),
  tokenizer: json("tokenizer.json"),
  tokenizerConfig: json("tokenizer_config.json"),
};

let server: Server;
let url: string;

test.beforeAll(async () => {
  const script = await bundlePage("e2e/webgpu-cast-page.ts");
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://x");
    if (pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><script type="module" src="/page.js"></script>`);
    if (pathname === "/page.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    // Only what scripts/copy-ort-assets.mjs copied (the e2e build ran it): a file the runtime needs and the app
    // does not serve fails here as it would in the app.
    const file = pathname.startsWith("/ort/") ? path.join(ROOT, "public/ort", path.basename(pathname)) : null;
    if (!file || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.endsWith(".wasm") ? "application/wasm" : "text/javascript" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("positions cast from int64 in the graph: WebGPU and WASM score a prompt as onnxruntime-node does", async ({ page }) => {
  const reference = await loadOnnxModel(dir);
  const ids = reference.tokenizer.encodeChat([{ role: "user", content: "以下是关于临床医学的单项选择题。高血压患者首选的检查是 A. 血常规 B. 心电图" }]);
  const expected = await tokenLogprobs(reference, ids);
  await page.goto(url);
  await page.waitForFunction(() => typeof window.scoreTokens === "function");
  expect(await page.evaluate(() => window.hasWebGpuAdapter()), "no WebGPU adapter: is --enable-unsafe-webgpu set?").toBe(true);
  const model = [...readFileSync(path.join(dir, "onnx/model.onnx"))];
  for (const backend of ["webgpu", "wasm"] as const) {
    const got = await page.evaluate((o) => window.scoreTokens(o), { backend, model, files, ids });
    expect(got).toHaveLength(expected.length);
    const worst = Math.max(...got.slice(1).map((lp, i) => Math.abs(lp! - expected[i + 1]!)));
    // SwiftShader's sin/cos are a little less exact than the CPU's; the JSEP build was off by whole nats.
    expect(worst, `${backend}: largest difference in a token's log-probability`).toBeLessThan(1e-2);
  }
});
