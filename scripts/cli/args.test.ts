import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEvalArgs } from "./args";

const model = ["--base-url", "http://127.0.0.1:8000/v1/", "--model", "qwen"];

describe("parseEvalArgs", () => {
  it("maps flags to run settings and the model target", () => {
    const o = parseEvalArgs(["--suite", "cami", ...model, "--limit", "10", "--temperature", "0.7", "--variant", "en", "--order", "shuffled", "--labels", "zh", "--json"]);
    expect(o.target).toEqual({ kind: "openai", baseUrl: "http://127.0.0.1:8000/v1", modelId: "qwen", apiKeyEnv: undefined });
    expect(o.settings).toEqual({ limit: 10, temperature: 0.7, instruction: "en", order: "shuffled", labels: "zh" });
    expect(o.scaleFlags).toEqual(["--variant", "--order", "--labels"]);
    expect(o.json).toBe(true);
  });

  it("exposes every engine setting as a flag", () => {
    const o = parseEvalArgs([
      "--suite", "cmmlu-medical", ...model, "--subsets", "anatomy, virology", "--limit", "200", "--sample-seed", "9",
      "--template", "plain", "--system-prompt", "你是医生。", "--answer-mode", "logprobs", "--max-tokens", "16",
      "--top-p", "0.9", "--tokenizer", "jieba", "--label", "lp run",
    ]);
    expect(o.settings).toEqual({
      subsets: ["anatomy", "virology"], limit: 200, sampleSeed: 9, template: "plain", systemPrompt: "你是医生。",
      answerMode: "logprobs", maxTokens: 16, topP: 0.9, tokenizer: "jieba",
    });
    expect(o.label).toBe("lp run");
    expect(o.scaleFlags).toEqual([]);
  });

  it("takes a baseline instead of a server", () => {
    expect(parseEvalArgs(["--suite", "cmmlu-medical", "--baseline", "majority", "--seed", "3"])).toMatchObject({
      target: { kind: "baseline", strategy: "majority" },
      settings: { seed: 3 },
    });
  });

  it.each([
    [["--suite", "x", ...model, "--limt", "3"], /Unknown option '--limt'/],
    [["--suite", "x", ...model, "--limit", "ten"], /--limit must be a whole number, got "ten"/],
    [["--suite", "x", ...model, "--shots", "9"], /^--shots: /],
    [["--suite", "x", ...model, "--order", "random"], /^--order: /],
    [["--suite", "x", ...model, "--variant", "fr"], /^--variant: /],
    [["--suite", "x", ...model, "--answer-mode", "guess"], /^--answer-mode: /],
    [["--suite", "x", ...model, "--top-p", "1.5"], /^--top-p: /],
    [["--suite", "x", ...model, "--subsets", " , "], /--subsets takes a comma-separated list/],
    [["--suite", "x", "--baseline", "oracle"], /--baseline must be one of uniform-random, majority, empty/],
    [["--suite", "x", "--baseline", "majority", "--model", "m"], /--baseline replaces/],
    [["--suite", "x", "--model", "m"], /give --base-url/],
    [["--suite", "x", "--base-url", "ftp://h", "--model", "m"], /must be http/],
    [["--suite", "x", ...model, "--api-key-env", "sk-abc"], /name of an environment variable/],
    [[...model], /--suite <id> is required/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseEvalArgs(argv)).toThrow(message);
  });

  it("resumes with the run's frozen settings, noting ignored flags", () => {
    const o = parseEvalArgs(["--resume", "0b8c6a43-5d5f-4a8e-9d55-3c1f3f3f3f3f", "--suite", "cami", "--limit", "5", "--json"]);
    expect(o).toMatchObject({ resume: "0b8c6a43-5d5f-4a8e-9d55-3c1f3f3f3f3f", suite: "cami", json: true, ignored: ["--limit"] });
  });
});

describe("parseEvalArgs --onnx", () => {
  it("takes a model folder (made absolute) and a dtype, fp32 by default", () => {
    expect(parseEvalArgs(["--suite", "s", "--onnx", "/m/tiny"]).target).toEqual({ kind: "onnx", dir: "/m/tiny", dtype: "fp32" });
    expect(parseEvalArgs(["--suite", "s", "--onnx", "rel", "--dtype", "q4f16"]).target).toEqual({ kind: "onnx", dir: path.resolve("rel"), dtype: "q4f16" });
  });

  it("refuses an unknown dtype, --dtype alone, and --onnx mixed with a server or baseline", () => {
    expect(() => parseEvalArgs(["--suite", "s", "--onnx", "/m", "--dtype", "int3"])).toThrow(/--dtype must be one of fp32, fp16, q8, q4, q4f16/);
    expect(() => parseEvalArgs(["--suite", "s", "--baseline", "majority", "--dtype", "fp16"])).toThrow(/--dtype goes with --onnx/);
    expect(() => parseEvalArgs(["--suite", "s", "--onnx", "/m", "--base-url", "http://h/v1"])).toThrow(/--onnx replaces/);
    expect(() => parseEvalArgs(["--suite", "s", "--onnx", "/m", "--baseline", "majority"])).toThrow(/--onnx replaces/);
  });
});
