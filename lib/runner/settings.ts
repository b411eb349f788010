import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/suites/content-hash";
import { storableText } from "@/lib/validation/text";
import type { TaskKind } from "@/lib/suites/types";
import { scaleInstructions, scaleLabelStyles, scaleOptionOrders } from "@/lib/suites/prompts/scale";

/** What a user may ask for when starting a run; every field optional, defaults depend on the task kind. */
export const runSettingsInput = z
  .object({
    limit: z.number().int().positive().optional(),
    /** Subset names (subjects, departments); bounded so one request cannot carry tens of thousands. */
    subsets: z.array(storableText(200).min(1)).max(1000).optional(),
    shots: z.number().int().min(0).max(5).optional(),
    samples: z.number().int().min(1).max(100).optional(),
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().positive().max(8192).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    template: z.enum(["paper", "plain"]).optional(),
    systemPrompt: storableText(4000).optional(),
    tokenizer: z.enum(["char", "jieba"]).optional(),
    /** "logprobs" takes the most probable option label from the server's logprobs (the paper's method). */
    answerMode: z.enum(["text", "logprobs"]).optional(),
    concurrency: z.number().int().min(1).max(1024).optional(),
    // Attitude scales.
    instruction: z.enum(scaleInstructions).optional(),
    order: z.enum(scaleOptionOrders).optional(),
    labels: z.enum(scaleLabelStyles).optional(),
    greedyPass: z.boolean().optional(),
    missing: z.enum(["exclude", "paper_compatible"]).optional(),
    key: z.enum(["stigma", "chimed"]).optional(),
  })
  .strict();

export type RunSettingsInput = z.infer<typeof runSettingsInput>;

export interface RunSettings {
  limit: number | null;
  subsets: string[] | null;
  shots: number;
  samples: number;
  temperature: number | null;
  topP: number | null;
  maxTokens: number;
  seed: number;
  template: "paper" | "plain";
  systemPrompt: string | null;
  tokenizer: "char" | "jieba";
  answerMode: "text" | "logprobs";
  concurrency: number | null;
  instruction: (typeof scaleInstructions)[number];
  order: (typeof scaleOptionOrders)[number];
  labels: (typeof scaleLabelStyles)[number];
  greedyPass: boolean;
  missing: "exclude" | "paper_compatible";
  key: "stigma" | "chimed";
}

/** Freezes the settings of a run: every default made explicit, so the run can be reproduced from them alone. */
export function resolveSettings(kind: TaskKind, input: RunSettingsInput): RunSettings {
  const scale = kind === "scale";
  return {
    limit: input.limit ?? null,
    subsets: input.subsets?.length ? [...input.subsets].sort() : null,
    shots: kind === "mcq" ? (input.shots ?? 0) : 0,
    samples: input.samples ?? (scale ? 10 : 1),
    temperature: input.temperature ?? null,
    topP: input.topP ?? null,
    maxTokens: input.maxTokens ?? (kind === "mcq" || scale ? 64 : 512),
    seed: input.seed ?? 1234,
    template: input.template ?? "paper",
    systemPrompt: input.systemPrompt?.trim() || null,
    tokenizer: input.tokenizer ?? "char",
    answerMode: input.answerMode ?? "text",
    concurrency: input.concurrency ?? null,
    instruction: input.instruction ?? "paper",
    order: input.order ?? "published",
    labels: input.labels ?? "letters",
    greedyPass: input.greedyPass ?? scale,
    missing: input.missing ?? "exclude",
    key: input.key ?? "stigma",
  };
}

/** Administrations per item: the greedy pass of a scale run is sample 0, the sampled ones follow. */
export function samplesPerItem(settings: RunSettings): number {
  return settings.samples + (settings.greedyPass ? 1 : 0);
}

export function isGreedySample(settings: RunSettings, sample: number): boolean {
  return settings.greedyPass && sample === 0;
}

export function configHash(parts: { suiteVersion: string; endpoint: string | null; modelId: string | null; settings: RunSettings }) {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}
