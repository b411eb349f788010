import { z } from "zod";

export const startJudgeBody = z
  .object({
    judgeModelId: z.uuid(),
    mode: z.enum(["pointwise", "pairwise"]),
    /** Pairwise: the other runs (same suite) this run is compared with. */
    otherRunIds: z.array(z.uuid()).max(20).default([]),
    maxItems: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
