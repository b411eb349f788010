import { z } from "zod";
import { runSettingsInput } from "./run-settings";
import { suiteIdSegment } from "./params";
import { storableText } from "./text";

export const RUN_LABEL_MAX = 200;

const label = z.string().max(RUN_LABEL_MAX).nullable().optional();

export const createRunBody = z.object({
  modelId: z.uuid(),
  suiteId: suiteIdSegment,
  settings: runSettingsInput.default({}),
  label,
});

export const updateRunBody = z.object({ label: z.string().max(RUN_LABEL_MAX).nullable() }).strict();

/** Re-run a run's suite and settings on another model. */
export const rerunBody = z.object({ modelId: z.uuid(), label }).strict();

export const runItemsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
  filter: z.enum(["all", "wrong", "error", "unparsed", "refused"]).catch("all").default("all"),
  subset: storableText(200).optional(),
});
