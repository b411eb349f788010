// Copies onnxruntime-web's WASM runtime into public/ort, so the app serves it itself (never a CDN). Run before
// `next dev` and `next build`.
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "node_modules/onnxruntime-web/dist");
const to = path.join(root, "public/ort");
mkdirSync(to, { recursive: true });
// The default build of onnxruntime-web (JSEP) runs both the WebGPU and the WASM execution providers.
for (const file of ["ort-wasm-simd-threaded.jsep.wasm", "ort-wasm-simd-threaded.jsep.mjs"]) copyFileSync(path.join(from, file), path.join(to, file));
