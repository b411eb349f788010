import { z } from "zod";
import { scaleInstructions, scaleLabelStyles, scaleOptionOrders } from "@/lib/suites/prompts/scale";
import { storableText } from "./text";

/** What a user may ask for when starting a run; every field optional, defaults depend on the task kind. */
export const runSettingsInput = z
  .object({
    /** Sample size: a seeded sample stratified by subset (see stratified-sample.ts); empty for every item. */
    limit: z.number().int().positive().optional(),
    /** Seed of that sample; defaults to `seed`. */
    sampleSeed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
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
    // Perplexity: strided windows, in characters; a stride longer than the context is cut to it.
    contextChars: z.number().int().min(16).max(1_000_000).optional(),
    strideChars: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export type RunSettingsInput = z.infer<typeof runSettingsInput>;
