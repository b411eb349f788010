// Copies onnxruntime-web's WASM runtime into public/ort, so the app serves it itself (never a CDN). Run before
// `next dev` and `next build`.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "node_modules/onnxruntime-web/dist");
const to = path.join(root, "public/ort");
// Emptied first: files of a build the app no longer imports (the JSEP ones) are not served.
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
// What `onnxruntime-web/webgpu` (lib/browser/ort-web.ts) loads from a wasmPaths prefix, for its WebGPU and WASM
// execution providers alike: the asyncify build's Emscripten module and its .wasm.
for (const file of ["ort-wasm-simd-threaded.asyncify.wasm", "ort-wasm-simd-threaded.asyncify.mjs"]) copyFileSync(path.join(from, file), path.join(to, file));
