import { describe, expect, it } from "vitest";
import { checkFits, pathInModel, planModelFiles } from "./model-files";

describe("planModelFiles", () => {
  const side = ["config.json", "tokenizer.json", "tokenizer_config.json"];

  it("prefers the smallest quantization present and keeps the optional generation config", () => {
    expect(planModelFiles(["onnx/model.onnx", "onnx/model_q4f16.onnx", ...side, "generation_config.json"])).toEqual({
      model: "onnx/model_q4f16.onnx",
      externalData: null,
      side: [...side, "generation_config.json"],
    });
  });

  it("finds weights stored beside the graph", () => {
    expect(planModelFiles(["onnx/model.onnx", "onnx/model.onnx_data", ...side])).toMatchObject({ externalData: "onnx/model.onnx_data" });
  });

  it("says what is missing", () => {
    expect(planModelFiles(["config.json"])).toEqual({ error: expect.stringContaining("no .onnx model file") });
    expect(planModelFiles(["model.onnx", "config.json"])).toEqual({ error: "missing tokenizer.json, tokenizer_config.json beside the model" });
  });
});

describe("pathInModel", () => {
  it("drops the picked folder's own name and keeps single files as they are", () => {
    expect(pathInModel("tiny/onnx/model.onnx", "model.onnx")).toBe("onnx/model.onnx");
    expect(pathInModel("", "config.json")).toBe("config.json");
  });
});

describe("checkFits", () => {
  it("refuses a model larger than the budget with both sizes", () => {
    expect(checkFits(3 * 1024 ** 3, 2 * 1024 ** 3)).toBe(
      "the model needs about 3.0 GB, more than this device offers the page (2.0 GB); choose a smaller or more quantized export",
    );
    expect(checkFits(1024, 2048)).toBeNull();
    expect(checkFits(1024, null)).toBeNull();
  });
});
