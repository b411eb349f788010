// `npm run bench -- --onnx [dir]`: prefill and decode tokens per second of an ONNX model on onnxruntime-node (CPU).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "@/lib/onnx/generate";
import { createOnnxLocalProvider } from "@/lib/providers/onnx-local";
import { writeTinyModel } from "../tiny-model/build";

const PROMPT = "以下是关于解剖学的单项选择题，请直接给出正确答案的选项。\n题目：肺位于\nA. 胸腔\nB. 腹腔\nC. 盆腔\nD. 颅腔\n答案：";

/** Median of several greedy generations of a fixed length (the end token is not allowed to cut them short). */
export async function benchOnnx(dir: string | undefined, { rounds = 5, tokens = 128 } = {}): Promise<string> {
  const temp = dir ? null : mkdtempSync(path.join(tmpdir(), "bench-onnx-"));
  const modelDir = dir ?? path.join(temp!, "tiny");
  if (!dir) writeTinyModel(modelDir);
  try {
    const model = await createOnnxLocalProvider({ dir: modelDir }).loaded();
    const ids = model.tokenizer.encodeChat([{ role: "user", content: PROMPT }]);
    const decoding = { ...model, endIds: [] };
    await generate(decoding, ids, { maxTokens: 8 });
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(await generate(decoding, ids, { maxTokens: tokens }));
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const prefill = mid(runs.map((r) => r.promptTokens / (r.prefillMs / 1000)));
    const decode = mid(runs.map((r) => (r.completionTokens - 1) / (r.decodeMs / 1000)));
    return [
      `onnxruntime-node (CPU), ${dir ?? "tiny model"}: prompt ${ids.length} tokens, ${tokens} generated, median of ${rounds}`,
      `prefill  ${prefill.toFixed(0)} tokens/s`,
      `decode   ${decode.toFixed(0)} tokens/s`,
    ].join("\n");
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
