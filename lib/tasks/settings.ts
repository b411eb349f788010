import { z } from "zod";
import { scaleInstructions, scaleLabelStyles, scaleOptionOrders } from "@/lib/suites/prompts/scale";
import type { TaskKind } from "@/lib/suites/types";
import type { RunSettingsInput } from "@/lib/validation/run-settings";
import { taskOf } from "./index";
import { DEFAULT_CONTEXT_CHARS, DEFAULT_STRIDE_CHARS } from "./perplexity";

/** The settings a run is frozen with: every default explicit, so the run can be reproduced from them alone. */
export const runSettingsSchema = z.object({
  limit: z.number().nullable(),
  /** How a limited run chose its items ("stratified": by subset, seeded); null when every item runs. */
  sampling: z.enum(["stratified"]).nullable(),
  sampleSeed: z.number().nullable(),
  subsets: z.array(z.string()).nullable(),
  shots: z.number(),
  samples: z.number(),
  temperature: z.number().nullable(),
  topP: z.number().nullable(),
  maxTokens: z.number(),
  seed: z.number(),
  template: z.enum(["paper", "plain"]),
  systemPrompt: z.string().nullable(),
  tokenizer: z.enum(["char", "jieba"]),
  answerMode: z.enum(["text", "logprobs"]),
  concurrency: z.number().nullable(),
  instruction: z.enum(scaleInstructions),
  order: z.enum(scaleOptionOrders),
  labels: z.enum(scaleLabelStyles),
  greedyPass: z.boolean(),
  missing: z.enum(["exclude", "paper_compatible"]),
  key: z.enum(["stigma", "chimed"]),
  /** Perplexity only: window length and stride in characters (absent for other kinds and older runs). */
  contextChars: z.number().optional(),
  strideChars: z.number().optional(),
});

export type RunSettings = z.infer<typeof runSettingsSchema>;

/** Freezes the settings of a run from a request and the task kind's defaults. */
export function resolveSettings(kind: TaskKind, input: RunSettingsInput): RunSettings {
  const { defaults, options } = taskOf(kind);
  const seed = input.seed ?? 1234;
  return {
    limit: input.limit ?? null,
    sampling: input.limit ? "stratified" : null,
    sampleSeed: input.limit ? (input.sampleSeed ?? seed) : null,
    subsets: input.subsets?.length ? [...input.subsets].sort() : null,
    shots: options.shots ? (input.shots ?? 0) : 0,
    samples: input.samples ?? defaults.samples,
    temperature: input.temperature ?? null,
    topP: input.topP ?? null,
    maxTokens: input.maxTokens ?? defaults.maxTokens,
    seed,
    template: input.template ?? "paper",
    systemPrompt: input.systemPrompt?.trim() || null,
    tokenizer: input.tokenizer ?? "char",
    answerMode: input.answerMode ?? "text",
    concurrency: input.concurrency ?? null,
    instruction: input.instruction ?? "paper",
    order: input.order ?? "published",
    labels: input.labels ?? "letters",
    greedyPass: input.greedyPass ?? defaults.greedyPass,
    missing: input.missing ?? "exclude",
    key: input.key ?? "stigma",
    ...(options.windows ? windowSettings(input) : {}),
  };
}

function windowSettings(input: RunSettingsInput): Pick<RunSettings, "contextChars" | "strideChars"> {
  const contextChars = input.contextChars ?? DEFAULT_CONTEXT_CHARS;
  return { contextChars, strideChars: Math.min(contextChars, input.strideChars ?? Math.min(DEFAULT_STRIDE_CHARS, contextChars)) };
}
