import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOnnxFolders, modelFileOf, resolveOnnxDir } from "./onnx-dir";

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), "onnx-dir-"));
  root = path.join(base, "models");
  const model = (dir: string, files: string[]) => {
    for (const f of ["tokenizer.json", ...files]) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), "{}");
    }
  };
  model(path.join(root, "org/small"), ["onnx/model.onnx", "onnx/model_q4f16.onnx"]);
  model(path.join(root, "flat"), ["model.onnx"]);
  model(path.join(base, "outside"), ["onnx/model.onnx"]);
  symlinkSync(path.join(base, "outside"), path.join(root, "escape"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("onnx-local model folders", () => {
  it("resolves a folder inside the root", () => {
    expect(resolveOnnxDir("org/small", root)).toBe(path.join(root, "org/small"));
  });

  it.each(["../outside", "org/../../outside", "/etc", "", "org/small\0"])("refuses %j with a 400", (name) => {
    expect(() => resolveOnnxDir(name, root)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it("refuses a link that leads out of the root, and a folder that does not exist", () => {
    expect(() => resolveOnnxDir("escape", root)).toThrow(/links outside/);
    expect(() => resolveOnnxDir("org/none", root)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it("lists the model folders (links not followed) with the precisions they hold, and finds a dtype's file", () => {
    expect(listOnnxFolders(root)).toEqual([
      { dir: "flat", dtypes: ["fp32"] },
      { dir: "org/small", dtypes: ["fp32", "q4f16"] },
    ]);
    expect(modelFileOf(path.join(root, "flat"), "fp32")).toBe(path.join(root, "flat/model.onnx"));
    expect(() => modelFileOf(path.join(root, "flat"), "fp16")).toThrow(/no fp16 model file/);
  });
});
