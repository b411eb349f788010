import { z } from "zod";
import { storableText } from "./text";

export const MAX_COMPARED_RUNS = 6;

/** Run ids from `runs=a,b` (or a repeated parameter), de-duplicated in order. */
export function parseRunIds(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}

/** `runs=<id>,<id>[,…]`: two to six run ids, in the order the comparison shows them. */
export const comparedRunIds = z
  .string()
  .max(40 * MAX_COMPARED_RUNS)
  .transform((text) => parseRunIds(text))
  .pipe(
    z
      .array(z.uuid({ message: "runs must be run ids separated by commas" }))
      .min(2, { message: "pick at least two runs to compare" })
      .max(MAX_COMPARED_RUNS, { message: `compare at most ${MAX_COMPARED_RUNS} runs at once` }),
  );

export const comparisonQuery = z.object({ runs: comparedRunIds });

export const comparisonFilters = ["all", "differ", "a_better", "b_better"] as const;

const runIndex = z.coerce.number().int().min(0).max(MAX_COMPARED_RUNS - 1);

/** The per-item side by side: which rows (filter, subset, the two runs "A"/"B" refer to) and which page. */
export const comparisonItemsQuery = z.object({
  runs: comparedRunIds,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(20).default(20),
  filter: z.enum(comparisonFilters).catch("all").default("all"),
  a: runIndex.catch(0).default(0),
  b: runIndex.catch(1).default(1),
  subset: storableText(200).optional(),
});

export const comparisonExportQuery = z.object({
  runs: comparedRunIds,
  format: z.enum(["csv", "json"]).default("csv"),
});
