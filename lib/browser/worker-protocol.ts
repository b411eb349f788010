import type { ChatMessage } from "@/lib/suites/types";
import type { DecodingParams, TokenLogprob } from "@/lib/providers/types";
import type { DeviceStats } from "@/lib/validation/browser";

/** Where a browser model's files come from: files the user picked (path inside the model folder) or a URL. */
export type ModelSource = { kind: "files"; files: { path: string; file: File }[] } | { kind: "url"; url: string } | { kind: "cache" };

export type ToWorker =
  | { type: "load"; modelId: string; source: ModelSource; forceWasm?: boolean }
  | { type: "generate"; id: number; messages: ChatMessage[]; params: DecodingParams; logprobLabels?: string[] }
  | { type: "bench"; tokens: number };

export interface WorkerDevice {
  backend: DeviceStats["backend"];
  adapter: string | null;
  threads: number;
}

export interface WorkerGeneration {
  text: string;
  topLogprobs?: TokenLogprob[];
  promptTokens: number;
  completionTokens: number;
  prefillMs: number;
  decodeMs: number;
}

export type FromWorker =
  | { type: "progress"; file: string; loaded: number; total: number | null }
  | { type: "ready"; device: WorkerDevice; loadMs: number; modelBytes: number; memoryBytes: number | null }
  | { type: "result"; id: number; generation: WorkerGeneration; memoryBytes: number | null }
  | { type: "bench"; prefillTokensPerSecond: number; decodeTokensPerSecond: number; memoryBytes: number | null }
  | { type: "error"; id?: number; message: string };

/** tokens / seconds, or null when nothing was timed. */
export function perSecond(tokens: number, ms: number): number | null {
  return tokens > 0 && ms > 0 ? (tokens * 1000) / ms : null;
}

/** The prompt every speed measurement decodes after (the page's "measure this device" and npm run bench). */
export const BENCH_PROMPT = "以下是关于临床医学的单项选择题，请直接给出正确答案的选项。\n题目：高血压患者首选的检查是\nA. 血常规\nB. 心电图\nC. 尿常规\nD. 血脂\n答案：";
