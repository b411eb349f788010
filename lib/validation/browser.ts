import { z } from "zod";
import { decodingParams } from "./models";
import { nameText, storableText } from "./text";

/**
 * A model that runs in the user's browser. Its files come from the user's disk (picked on the run page, never
 * uploaded) or from a URL the user typed: the only address the page's loader ever fetches from.
 */
export const browserModelBody = z.object({
  name: nameText(120),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("files") }),
    z.object({ kind: z.literal("url"), url: z.url({ protocol: /^https?$/ }).max(500) }),
  ]),
  params: decodingParams.default({}),
});
export type BrowserModelBody = z.infer<typeof browserModelBody>;

/** Where a browser run generated its answers and how fast (shown on the run page, stored with the run). */
export const deviceStats = z.object({
  backend: z.enum(["webgpu", "wasm"]),
  /** The WebGPU adapter's vendor / architecture; null on WASM. */
  adapter: storableText(200).nullable(),
  threads: z.number().int().min(1).max(1024),
  loadMs: z.number().min(0).max(1e8).nullable(),
  prefillTokensPerSecond: z.number().min(0).max(1e9).nullable(),
  decodeTokensPerSecond: z.number().min(0).max(1e9).nullable(),
  /** Bytes of the model files plus the JS heap where the browser tells; null where it does not. */
  memoryBytes: z.number().int().min(0).max(1e15).nullable(),
});
export type DeviceStats = z.infer<typeof deviceStats>;

/** A browser tab's id: its leases are held as owner `browser-<tab>`. */
const tab = z.uuid();

export const browserClaimBody = z.object({
  tab,
  /** How many items to lease now; 0 only renews the tab's leases (its heartbeat). */
  limit: z.number().int().min(0).max(16).default(4),
});

/** Largest answer text accepted from a browser, in characters (a server answer's bound is in bytes). */
export const MAX_BROWSER_ANSWER_CHARS = 64 * 1024;

/** Logprobs an answer may carry: the top 20 alternatives and up to 26 option labels outside them (A–Z). */
export const MAX_ANSWER_LOGPROBS = 48;

const answer = z.union([
  z.object({
    id: z.number().int().positive(),
    text: z.string().max(MAX_BROWSER_ANSWER_CHARS),
    topLogprobs: z
      .array(z.object({ token: z.string().max(64), logprob: z.number().max(0).min(-1e6) }))
      .max(MAX_ANSWER_LOGPROBS)
      .optional(),
    promptTokens: z.number().int().min(0).max(1e7),
    completionTokens: z.number().int().min(0).max(1e7),
    latencyMs: z.number().min(0).max(1e8),
  }),
  z.object({ id: z.number().int().positive(), error: storableText(500) }),
]);
export type BrowserAnswer = z.infer<typeof answer>;

export const browserAnswersBody = z.object({
  tab,
  answers: z.array(answer).min(1).max(16),
  device: deviceStats.optional(),
});
/** Sixteen answers of the largest size, as UTF-8, plus room for the rest of the body. */
export const BROWSER_ANSWERS_BODY_LIMIT = 16 * MAX_BROWSER_ANSWER_CHARS * 3 + 64 * 1024;

export const deviceBenchmarkBody = z.object({ modelId: z.uuid().nullable(), device: deviceStats });
