// The work of an onnx-local model, as its worker thread (onnx-host.mjs) does it: load the session once, then
// answer chat and prompt-logprob jobs one at a time.
import { generate, type LoadedModel, promptLogprobs } from "@/lib/onnx/generate";
import { generateOptions } from "@/lib/onnx/generate-options";
import type { ModelDtype } from "@/lib/onnx/model-config";
import { loadOnnxModel } from "./onnx-session";
import type { ChatRequest, ChatResult, PromptLogprobs } from "./types";

export type OnnxJob = ({ op: "chat" } & ChatRequest) | { op: "logprobs"; text: string };
export type OnnxJobResult = Omit<ChatResult, "latencyMs" | "attempts"> | PromptLogprobs;

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
  const g = await generate(checked, model.tokenizer.encodeChat(job.messages), {
    ...generateOptions(job.params, job.logprobLabels),
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
