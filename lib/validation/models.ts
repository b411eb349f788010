import { z } from "zod";
import { nameText, storableText } from "./text";

export const decodingParams = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    max_tokens: z.number().int().positive().max(32768).optional(),
  })
  .strict();

const envName = z.string().max(100).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name (letters, digits, _)");

export const modelBody = z.object({
  name: nameText(120),
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  modelId: nameText(200),
  /** Typed key: sealed server-side and never returned. */
  apiKey: storableText(500).optional(),
  /** Or the name of a server-side environment variable holding the key. */
  apiKeyEnv: envName.optional(),
  params: decodingParams.default({}),
  concurrency: z.number().int().min(1).max(1024).default(8),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  /** Optional prices per million prompt / completion tokens (any currency): the run page shows a run's cost. */
  promptPricePerMTok: z.number().min(0).max(1e6).nullable().optional(),
  completionPricePerMTok: z.number().min(0).max(1e6).nullable().optional(),
});

export const modelPatch = modelBody.partial().extend({
  /** true removes a stored key. */
  clearApiKey: z.boolean().optional(),
});

export type ModelBody = z.infer<typeof modelBody>;

/** Model files of an ONNX export by precision (lib/onnx/model-config.ts names the files of each). */
export const ONNX_DTYPES = ["fp32", "fp16", "q8", "q4", "q4f16"] as const;

/** An ONNX model on this server: a folder inside CHIMED_ONNX_DIR, run by onnxruntime-node on the CPU. */
export const onnxModelBody = z
  .object({
    name: nameText(120),
    /** Path relative to the server's model folder, e.g. "onnx-community/Qwen2.5-0.5B-Instruct". */
    dir: z.string().min(1).max(500),
    dtype: z.enum(ONNX_DTYPES).default("fp32"),
    params: decodingParams.default({}),
  })
  .strict();
export type OnnxModelBody = z.infer<typeof onnxModelBody>;
