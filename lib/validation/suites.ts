import { z } from "zod";

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

export const suiteItemsQuery = z.object({
  page: pageNumber.default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20).default(20),
  split: z.enum(["test", "dev"]).catch("test").default("test"),
});

const suiteName = z.string().trim().min(1, { error: "must not be empty" }).max(200);

/** A new name for an uploaded suite: one text for both languages, or each language's own. */
export const suitePatch = z.object({
  name: z.union([suiteName.transform((s) => ({ en: s, zh: s })), z.object({ en: suiteName, zh: suiteName })]),
});
