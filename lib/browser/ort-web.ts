// The one import of onnxruntime-web (the inference worker, the bench page and the WebGPU e2e probe all take it
// from here). Its WebGPU build, not the default JSEP one: JSEP 1.30 computed the tiny decoder with positions cast
// from int64 position_ids wrongly on WebGPU, as real rotary exports compute them (README "Models in the browser");
// this build runs the WASM execution provider too, from ort-wasm-simd-threaded.asyncify.{mjs,wasm}.
import * as ort from "onnxruntime-web/webgpu";

/** Points the runtime at the app's own copy of its WASM files (scripts/copy-ort-assets.mjs), never a CDN. */
export function serveOrtFrom(origin: string): typeof ort {
  ort.env.wasm.wasmPaths = `${origin}/ort/`;
  return ort;
}

export { ort };
