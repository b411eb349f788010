// The onnx-local provider: an ONNX causal LM run by onnxruntime-node on this server's CPU, through the same
// generation loop (lib/onnx) as the browser.
import { readFileSync } from "node:fs";
import path from "node:path";
import { generate, type LoadedModel, promptLogprobs } from "@/lib/onnx/generate";
import { assembleModel } from "@/lib/onnx/load";
import type { ModelDtype } from "@/lib/onnx/model-config";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";
import { modelFileOf } from "./onnx-dir";
import { type ChatProvider, type ChatRequest, type ChatResult, ProviderError } from "./types";

/** Answer length when a request names none (the OpenAI default is the model's whole context). */
const DEFAULT_MAX_TOKENS = 512;

interface Cached {
  model: Promise<LoadedModel>;
  /** One generation at a time per session: a session's runs would only queue inside onnxruntime anyway. */
  tail: Promise<unknown>;
}
const sessions = new Map<string, Cached>();

function readJson(dir: string, name: string, optional = false): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}

async function load(dir: string, dtype: ModelDtype): Promise<LoadedModel> {
  // Loaded on first use: processes that never run an ONNX model never load the native runtime.
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(modelFileOf(dir, dtype), { executionProviders: ["cpu"] });
  return assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: readJson(dir, "config.json")!,
    generationConfig: readJson(dir, "generation_config.json", true),
    tokenizer: readJson(dir, "tokenizer.json")!,
    tokenizerConfig: readJson(dir, "tokenizer_config.json")!,
  });
}

function cached(dir: string, dtype: ModelDtype): Cached {
  const key = `${dir}#${dtype}`;
  let entry = sessions.get(key);
  if (!entry) {
    entry = { model: load(dir, dtype), tail: Promise.resolve() };
    // A failed load is not kept: the files may be fixed and the run resumed.
    entry.model.catch(() => sessions.delete(key));
    sessions.set(key, entry);
  }
  return entry;
}

/** Runs fn on the session when the previous generation on it has finished. */
function exclusive<T>(entry: Cached, fn: (model: LoadedModel) => Promise<T>): Promise<T> {
  const result = entry.tail.then(async () => fn(await entry.model));
  entry.tail = result.catch(() => undefined);
  return result;
}

function failure(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = `onnx model: ${(error as Error).message ?? String(error)}`;
  return new ProviderError(message, { kind: "bad_request", retryable: false, attempts: 1 });
}

export interface OnnxLocalProvider extends ChatProvider {
  /** The loaded model itself (for benchmarks, which time the loop alone). */
  loaded(): Promise<LoadedModel>;
  promptLogprobs(text: string, signal?: AbortSignal): Promise<{ tokens: string[]; logprobs: (number | null)[]; offsets: number[] }>;
}

export function createOnnxLocalProvider({ dir, dtype = "fp32" }: { dir: string; dtype?: ModelDtype }): OnnxLocalProvider {
  const entry = () => cached(dir, dtype);
  return {
    async chat({ messages, params }: ChatRequest, signal?: AbortSignal): Promise<ChatResult> {
      const started = performance.now();
      try {
        const g = await exclusive(entry(), (model) =>
          generate(model, model.tokenizer.encodeChat(messages), {
            maxTokens: params.max_tokens ?? DEFAULT_MAX_TOKENS,
            temperature: params.temperature ?? 0,
            topP: params.top_p,
            seed: params.seed,
            stop: params.stop === undefined ? [] : [params.stop].flat(),
            topLogprobs: params.logprobs ? (params.top_logprobs ?? 1) : undefined,
            signal,
          }),
        );
        return {
          text: g.text,
          finishReason: g.finishReason,
          promptTokens: g.promptTokens,
          completionTokens: g.completionTokens,
          latencyMs: performance.now() - started,
          ...(g.topLogprobs ? { topLogprobs: g.topLogprobs } : {}),
          attempts: 1,
        };
      } catch (error) {
        if (signal?.aborted) throw error;
        throw failure(error);
      }
    },
    loaded: () => entry().model,
    promptLogprobs: (text, signal) => exclusive(entry(), (model) => promptLogprobs(model, text, signal)),
    async listModels() {
      return [path.basename(dir)];
    },
    async testConnection() {
      const started = performance.now();
      try {
        const r = await this.chat({ messages: [{ role: "user", content: "你好" }], params: { max_tokens: 8 } });
        return { ok: true, models: await this.listModels(), sample: r.text, latencyMs: performance.now() - started };
      } catch (error) {
        return { ok: false, error: (error as Error).message, latencyMs: performance.now() - started };
      }
    },
  };
}
