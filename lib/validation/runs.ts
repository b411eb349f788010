import { z } from "zod";
import { runSettingsInput } from "@/lib/runner/settings";

export const createRunBody = z.object({
  modelId: z.uuid(),
  suiteId: z.string().min(1),
  settings: runSettingsInput.default({}),
});

export const runItemsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
  filter: z.enum(["all", "wrong", "error", "unparsed", "refused"]).catch("all").default("all"),
  subset: z.string().max(200).optional(),
});
