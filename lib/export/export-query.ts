import { z } from "zod";

/** `?format=json|csv|jsonl[&part=items|summary]` of the run and audit exports (the contract). */
export const runExportQuery = z.object({
  format: z.enum(["json", "csv", "jsonl"]).default("json"),
  part: z.enum(["items", "summary"]).default("items"),
});
