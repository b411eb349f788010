import { z } from "zod";

export const exportFormatIds = ["trl", "llamafactory", "ratings"] as const;
export type StudyExportFormat = (typeof exportFormatIds)[number];

/** "1"/"true" switches an exclusion off; anything else (or absent) keeps the default. */
const switchOn = z.enum(["1", "true", "0", "false"]).optional().transform((v) => v === "1" || v === "true");

export const studyExportQuery = z.object({
  format: z.enum(exportFormatIds),
  /** dataset_info: the LLaMA-Factory dataset_info.json entry instead of the lines. */
  part: z.enum(["lines", "dataset_info"]).default("lines"),
  ties: switchOn,
  revoked: switchOn,
  flagged: switchOn,
});
export type StudyExportQuery = z.infer<typeof studyExportQuery>;
