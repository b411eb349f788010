import { z } from "zod";
import { runSettingsInput } from "@/lib/runner/settings";
import { suiteIdSegment } from "./params";
import { storableText } from "./text";

export const createRunBody = z.object({
  modelId: z.uuid(),
  suiteId: suiteIdSegment,
  settings: runSettingsInput.default({}),
});

export const runItemsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
  filter: z.enum(["all", "wrong", "error", "unparsed", "refused"]).catch("all").default("all"),
  subset: storableText(200).optional(),
});
