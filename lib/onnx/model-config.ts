// What the generation loop needs to know about a model, from its config.json, generation_config.json and session.
import type { ONNX_DTYPES } from "@/lib/validation/models";
import type { OrtSession } from "./ort-types";

export interface CacheShape {
  layers: number;
  kvHeads: number;
  headDim: number;
  /** Element type of past_key_values inputs: float32, or float16 for fp16 / q4f16 exports. */
  kvType: "float32" | "float16";
}

type Json = Record<string, unknown>;

const num = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

/** The past key/value shape, from config.json (text_config for multimodal configs) and the session's inputs. */
export function cacheShape(config: Json, session: Pick<OrtSession, "inputNames" | "inputMetadata">): CacheShape {
  const c = (config.text_config as Json | undefined) ?? config;
  const pastInputs = session.inputNames.filter((n) => /^past_key_values\.\d+\.key$/.test(n));
  const layers = pastInputs.length || num(c.num_hidden_layers) || num(c.n_layer);
  const heads = num(c.num_attention_heads) ?? num(c.n_head);
  const kvHeads = num(c.num_key_value_heads) ?? heads;
  const hidden = num(c.hidden_size) ?? num(c.n_embd);
  const headDim = num(c.head_dim) ?? (hidden && heads ? hidden / heads : undefined);
  if (!layers || !kvHeads || !headDim) throw new Error("config.json lacks num_hidden_layers, num_attention_heads or hidden_size");
  const meta = session.inputMetadata?.find((m) => m.name === "past_key_values.0.key");
  return { layers, kvHeads, headDim, kvType: meta?.type === "float16" ? "float16" : "float32" };
}

/** Tokens that end a turn: the generation config's and the tokenizer's end-of-sequence ids. */
export function endIds(config: Json, generationConfig: Json | null, eosFromTokenizer: number | undefined): number[] {
  const ids = new Set<number>();
  for (const source of [generationConfig?.eos_token_id, config.eos_token_id, eosFromTokenizer]) {
    for (const id of Array.isArray(source) ? source : [source]) if (typeof id === "number") ids.add(id);
  }
  return [...ids];
}

/** Model files of an Optimum / onnx-community export, by dtype, in the order a loader should try them. */
export const MODEL_FILES: Record<(typeof ONNX_DTYPES)[number], string[]> = {
  fp32: ["onnx/model.onnx", "model.onnx", "onnx/decoder_model_merged.onnx", "decoder_model_merged.onnx"],
  fp16: ["onnx/model_fp16.onnx", "onnx/decoder_model_merged_fp16.onnx"],
  q8: ["onnx/model_quantized.onnx", "onnx/model_int8.onnx", "onnx/model_uint8.onnx", "onnx/decoder_model_merged_quantized.onnx"],
  q4: ["onnx/model_q4.onnx"],
  q4f16: ["onnx/model_q4f16.onnx"],
};
export type ModelDtype = keyof typeof MODEL_FILES;
export const MODEL_DTYPES = Object.keys(MODEL_FILES) as ModelDtype[];
