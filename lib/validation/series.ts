import { z } from "zod";
import { suiteIdSegment } from "./params";
import { runSettingsInput } from "./run-settings";
import { createRunBody } from "./runs";
import { nameText } from "./text";

export const CHECKPOINT_STAGES = ["pretrain", "sft", "rlhf", "other"] as const;
export const MAX_LINEAGE_STAGES = 8;
export const TRAINING_LOG_BODY_LIMIT = 20 * 1024 * 1024;

export const checkpointBody = z
  .object({
    name: nameText(120),
    step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    stage: z.enum(CHECKPOINT_STAGES).default("other"),
    /** The checkpoint's model id on the series model's server. */
    modelId: nameText(200),
    /** Another server for this checkpoint; defaults to the series model's. */
    baseUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
  })
  .strict();
export type CheckpointBody = z.infer<typeof checkpointBody>;

/** One run per checkpoint of the series, all with these settings. */
export const seriesRunBody = z
  .object({ suiteId: suiteIdSegment, settings: runSettingsInput.default({}), label: createRunBody.shape.label })
  .strict();

export const TRAINING_LOG_FORMATS = ["trainer_state", "csv", "jsonl"] as const;
export type TrainingLogFormat = (typeof TRAINING_LOG_FORMATS)[number];

export const trainingLogQuery = z.object({
  name: nameText(120).optional(),
  format: z.enum(TRAINING_LOG_FORMATS).optional(),
});

export const lineageBody = z
  .object({
    name: nameText(120),
    stages: z
      .array(z.object({ label: nameText(60), modelId: z.uuid() }).strict())
      .min(2, "a lineage has at least two stages")
      .max(MAX_LINEAGE_STAGES, `a lineage has at most ${MAX_LINEAGE_STAGES} stages`),
  })
  .strict();
export type LineageBody = z.infer<typeof lineageBody>;
