// The work of an onnx-local model, as its worker thread (onnx-host.mjs) does it: load the session once, then
// answer chat and prompt-logprob jobs one at a time. Also loads a model in the calling thread for benchmarks.
import { readFileSync } from "node:fs";
import path from "node:path";
import { generate, type LoadedModel, promptLogprobs } from "@/lib/onnx/generate";
import { assembleModel } from "@/lib/onnx/load";
import type { ModelDtype } from "@/lib/onnx/model-config";
import type { OrtSession, OrtTensorConstructor } from "@/lib/onnx/ort-types";
import { modelFileOf } from "./onnx-dir";
import type { ChatRequest, ChatResult, PromptLogprobs } from "./types";

/** Answer length when a request names none (the OpenAI default is the model's whole context). */
const DEFAULT_MAX_TOKENS = 512;

export type OnnxJob = ({ op: "chat" } & ChatRequest) | { op: "logprobs"; text: string };
export type OnnxJobResult = Omit<ChatResult, "latencyMs" | "attempts"> | PromptLogprobs;

function readJson(dir: string, name: string, optional = false): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}

export async function loadOnnxModel(dir: string, dtype: ModelDtype): Promise<LoadedModel> {
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

let loaded: { key: string; model: Promise<LoadedModel> } | null = null;

function modelOf(dir: string, dtype: ModelDtype): Promise<LoadedModel> {
  const key = `${dir}#${dtype}`;
  if (loaded?.key !== key) {
    const entry = { key, model: loadOnnxModel(dir, dtype) };
    // A failed load is not kept: the files may be fixed and the run resumed.
    entry.model.catch(() => {
      if (loaded === entry) loaded = null;
    });
    loaded = entry;
  }
  return loaded.model;
}

/**
 * Runs one job. `aborted` is read before every forward pass: the worker's event loop is busy for the whole
 * job, so an abort arrives as a flag in shared memory, not as a message.
 */
export async function runOnnxJob(dir: string, dtype: ModelDtype, job: OnnxJob, aborted: () => boolean): Promise<OnnxJobResult> {
  const model = await modelOf(dir, dtype);
  const controller = new AbortController();
  const session = model.session;
  const checked: LoadedModel = {
    ...model,
    session: {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      inputMetadata: session.inputMetadata,
      run(feeds) {
        if (aborted()) controller.abort();
        controller.signal.throwIfAborted();
        return session.run(feeds);
      },
    },
  };
  if (job.op === "logprobs") return promptLogprobs(checked, job.text, controller.signal);
  const { params } = job;
  const g = await generate(checked, model.tokenizer.encodeChat(job.messages), {
    maxTokens: params.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: params.temperature ?? 0,
    topP: params.top_p,
    seed: params.seed,
    stop: params.stop === undefined ? [] : [params.stop].flat(),
    topLogprobs: params.logprobs ? (params.top_logprobs ?? 1) : undefined,
    signal: controller.signal,
  });
  return {
    text: g.text,
    finishReason: g.finishReason,
    promptTokens: g.promptTokens,
    completionTokens: g.completionTokens,
    ...(g.topLogprobs ? { topLogprobs: g.topLogprobs } : {}),
  };
}
