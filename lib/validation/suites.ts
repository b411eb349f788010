import { z } from "zod";

const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

export const suiteItemsQuery = z.object({
  page: pageNumber.default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20).default(20),
  split: z.enum(["test", "dev"]).catch("test").default("test"),
});
