// A browser run's loop on the page: claim a few items, generate each in the worker, post each answer, renew the
// leases meanwhile. Closing the tab stops it; its leases lapse and another tab (or this one, reopened) goes on.
import type { ChatMessage } from "@/lib/suites/types";
import type { DecodingParams } from "@/lib/providers/types";
import { type BrowserAnswer, type DeviceStats, MAX_ANSWER_LOGPROBS } from "@/lib/validation/browser";
import type { WorkerGeneration } from "./worker-protocol";

export interface WorkItem {
  id: number;
  messages: ChatMessage[];
  params: DecodingParams;
  /** The labels whose first-token logprobs the answer mode reads (the claim's logprobLabels). */
  logprobLabels?: string[];
}

export interface RunState {
  status: string;
  progress: { total: number; pending: number; running: number; done: number; errors: number };
}

export interface RunLoopApi {
  claim(limit: number): Promise<RunState & { items: WorkItem[] }>;
  answer(answers: BrowserAnswer[], device: DeviceStats): Promise<RunState>;
}

export interface Speeds {
  promptTokens: number;
  prefillMs: number;
  decodeTokens: number;
  decodeMs: number;
}

export const emptySpeeds: Speeds = { promptTokens: 0, prefillMs: 0, decodeTokens: 0, decodeMs: 0 };

export function addSpeeds(s: Speeds, g: WorkerGeneration): Speeds {
  return {
    promptTokens: s.promptTokens + g.promptTokens,
    prefillMs: s.prefillMs + g.prefillMs,
    // The first new token comes out of the prefill.
    decodeTokens: s.decodeTokens + Math.max(g.completionTokens - 1, 0),
    decodeMs: s.decodeMs + g.decodeMs,
  };
}

const HEARTBEAT_MS = 10_000;
const WAIT_FOR_OTHERS_MS = 5_000;

/** Runs until the run has no work for this tab or `signal` aborts; returns the run's last state. */
export async function runBrowserLoop({
  api,
  generate,
  device,
  onState,
  onSpeeds,
  signal,
  batch = 2,
  fatal = () => false,
}: {
  api: RunLoopApi;
  generate: (item: WorkItem) => Promise<WorkerGeneration>;
  device: () => DeviceStats;
  /** waiting: every remaining item is leased by another tab (or a closed one whose leases have not lapsed). */
  onState: (state: RunState, waiting: boolean) => void;
  onSpeeds: (speeds: Speeds) => void;
  signal: AbortSignal;
  batch?: number;
  /** Errors that end the loop (the worker is gone) instead of being recorded as the item's error. */
  fatal?: (error: unknown) => boolean;
}): Promise<RunState> {
  const heartbeat = setInterval(() => void api.claim(0).catch(() => {}), HEARTBEAT_MS);
  let speeds = emptySpeeds;
  try {
    for (;;) {
      const claimed = await api.claim(signal.aborted ? 0 : batch);
      onState(claimed, claimed.items.length === 0 && claimed.progress.running > 0);
      if (signal.aborted || claimed.status !== "running") return claimed;
      if (claimed.items.length === 0) {
        if (claimed.progress.running === 0) return claimed;
        await new Promise((r) => setTimeout(r, WAIT_FOR_OTHERS_MS));
        continue;
      }
      for (const item of claimed.items) {
        if (signal.aborted) break;
        const started = performance.now();
        let answer: BrowserAnswer;
        try {
          const g = await generate(item);
          speeds = addSpeeds(speeds, g);
          onSpeeds(speeds);
          answer = {
            id: item.id,
            text: g.text,
            ...(g.topLogprobs ? { topLogprobs: g.topLogprobs.slice(0, MAX_ANSWER_LOGPROBS) } : {}),
            promptTokens: g.promptTokens,
            completionTokens: g.completionTokens,
            latencyMs: Math.round(performance.now() - started),
          };
        } catch (error) {
          if (fatal(error)) throw error;
          answer = { id: item.id, error: `generation failed: ${(error as Error).message}`.slice(0, 500) };
        }
        onState(await api.answer([answer], device()), false);
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
}
