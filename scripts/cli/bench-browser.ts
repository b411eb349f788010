// `npm run bench -- --browser`: decode speed of the same model and generation loop in headless Chromium
// (onnxruntime-web on WASM, and on WebGPU through SwiftShader's software adapter) against onnxruntime-node.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { generate } from "@/lib/onnx/generate";
import { BENCH_PROMPT } from "@/lib/browser/worker-protocol";
import { loadOnnxModel } from "@/lib/providers/onnx-session";
import { writeTinyModel } from "../tiny-model/build";
import { bundlePage } from "./bundle-page";
import { formatTable } from "./table";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TOKENS = 64;
const ROUNDS = 5;

type Round = { prefillMs: number; decodeMs: number; promptTokens: number; completionTokens: number };

/** Decode tokens per second of the median round (the first token comes out of the prefill). */
function decodeRate(rounds: Round[]): number {
  const rates = rounds.map((r) => ((r.completionTokens - 1) * 1000) / r.decodeMs).sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

async function nodeRounds(dir: string): Promise<Round[]> {
  const loaded = await loadOnnxModel(dir);
  const model = { ...loaded, endIds: [] };
  const prompt = model.tokenizer.encodeChat([{ role: "user", content: BENCH_PROMPT }]);
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) rounds.push(await generate(model, prompt, { maxTokens: TOKENS, temperature: 0 }));
  return rounds.slice(1);
}

/** A loopback server for the bench page: cross-origin isolated (WASM threads), ORT's runtime, the model's files. */
async function servePage(modelDir: string, script: string) {
  const ortDir = path.join(ROOT, "node_modules/onnxruntime-web/dist");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    let file: string | null = null;
    let type = "application/octet-stream";
    if (url.pathname === "/") {
      res.setHeader("content-type", "text/html");
      return res.end(`<!doctype html><script type="module" src="/bench.js"></script>`);
    }
    if (url.pathname === "/bench.js") {
      res.setHeader("content-type", "text/javascript");
      return res.end(script);
    }
    if (url.pathname.startsWith("/ort/")) file = path.join(ortDir, path.basename(url.pathname));
    if (url.pathname.startsWith("/model/")) file = path.join(modelDir, url.pathname.slice("/model/".length).replace(/\.\./g, ""));
    if (file?.endsWith(".mjs")) type = "text/javascript";
    if (file?.endsWith(".wasm")) type = "application/wasm";
    if (!file || !existsSync(file)) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader("content-type", type);
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function browserRounds(url: string, backend: "webgpu" | "wasm", threads: number) {
  const args = ["--no-sandbox", ...(backend === "webgpu" ? ["--enable-unsafe-webgpu"] : ["--disable-gpu"])];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runBench === "function");
    return (await page.evaluate((o) => window.runBench(o), { backend, tokens: TOKENS, rounds: ROUNDS + 1, threads })) as { threads: number; times: Round[] };
  } finally {
    await browser.close();
  }
}

export async function benchBrowser(log: (line: string) => void, modelDir?: string): Promise<string> {
  const temp = modelDir ? null : mkdtempSync(path.join(tmpdir(), "chimed-bench-model-"));
  const dir = modelDir ?? temp!;
  try {
    if (temp) writeTinyModel(temp);
    const { server, url } = await servePage(dir, await bundlePage("scripts/cli/bench-browser-page.ts"));
    try {
      log("onnxruntime-node…");
      const native = decodeRate(await nodeRounds(dir));
      // The app uses up to 4 threads; one thread shows what thread hand-offs cost on a model this small.
      const threads = Math.min(4, availableParallelism());
      const wasmRows = [];
      for (const n of [...new Set([1, threads])]) {
        log(`headless Chromium, WASM, ${n} thread(s)…`);
        const wasm = await browserRounds(url, "wasm", n);
        const rate = decodeRate(wasm.times.slice(1));
        wasmRows.push([`Chromium WASM (${wasm.threads} thread${wasm.threads === 1 ? "" : "s"})`, rate.toFixed(0), (rate / native).toFixed(2)]);
      }
      log("headless Chromium, WebGPU (SwiftShader)…");
      const webgpu = await browserRounds(url, "webgpu", threads).catch((e: Error) => ({ error: e.message }));
      const gpuRate = "error" in webgpu ? null : decodeRate(webgpu.times.slice(1));
      const rows = [
        ["onnxruntime-node (CPU)", native.toFixed(0), "1.00"],
        ...wasmRows,
        ["Chromium WebGPU (SwiftShader)", gpuRate === null ? `failed: ${(webgpu as { error: string }).error}` : gpuRate.toFixed(0), gpuRate === null ? "-" : (gpuRate / native).toFixed(2)],
      ];
      return [
        `Decode speed, ${temp ? "the tiny test model" : dir}, ${TOKENS} greedy tokens, median of ${ROUNDS} rounds after a warm-up:`,
        formatTable([["runtime", "decode tok/s", "vs node"], ...rows], { right: [1, 2] }),
      ].join("\n");
    } finally {
      server.close();
    }
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
