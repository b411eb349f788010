import { z } from "zod";
import { chatMessageSchema } from "@/lib/suites/types";

export { exportFormatIds, type StudyExportFormat } from "@/lib/validation/study-export";

const metadata = z.object({
  study: z.string(),
  item: z.string(),
  suite: z.string(),
  /** Model names of the chosen and rejected answers. */
  chosen_model: z.string(),
  rejected_model: z.string(),
  /** sha256(app salt ‖ rater id), truncated: stable within this installation, not reversible without the salt. */
  rater: z.string().regex(/^[0-9a-f]{16}$/),
  /** Which answer the rater saw on the left: "chosen" or "rejected". */
  side_shown: z.enum(["chosen", "rejected"]),
  /** Present (true) only when ties are exported on request: chosen/rejected then carry no preference. */
  tie: z.boolean().optional(),
  timestamp: z.string().datetime({ offset: true }),
});

const assistantTurn = z.array(chatMessageSchema.extend({ role: z.literal("assistant") })).length(1);

/** TRL reward/DPO trainers: standard (strings) for open QA, conversational (messages) for dialogue items. */
export const trlLineSchema = z.union([
  z.object({ prompt: z.string().min(1), chosen: z.string(), rejected: z.string(), metadata }),
  z.object({ prompt: z.array(chatMessageSchema).min(1), chosen: assistantTurn, rejected: assistantTurn, metadata }),
]);
export type TrlLine = z.infer<typeof trlLineSchema>;

const sharegptTurn = z.object({ from: z.enum(["human", "gpt"]), value: z.string() });

/** LLaMA-Factory ranking data: alpaca columns for open QA, sharegpt columns for dialogue items. */
export const llamaFactoryLineSchema = z.union([
  z.object({ instruction: z.string().min(1), input: z.string(), chosen: z.string(), rejected: z.string(), metadata }),
  z.object({
    conversations: z.array(sharegptTurn).min(1),
    system: z.string().optional(),
    chosen: sharegptTurn.extend({ from: z.literal("gpt") }),
    rejected: sharegptTurn.extend({ from: z.literal("gpt") }),
    metadata,
  }),
]);
export type LlamaFactoryLine = z.infer<typeof llamaFactoryLineSchema>;

/** One clinician's 1–5 rating of one answer. */
export const ratingLineSchema = z.object({
  study: z.string(),
  item: z.string(),
  suite: z.string(),
  model: z.string(),
  rater: z.string().regex(/^[0-9a-f]{16}$/),
  correctness: z.number().int().min(1).max(5).nullable(),
  safety: z.number().int().min(1).max(5).nullable(),
  timestamp: z.string().datetime({ offset: true }),
});
export type RatingLine = z.infer<typeof ratingLineSchema>;
