import { z } from "zod";

import { FILL_RULES } from "@/lib/validation/leaderboard";

export { FILL_RULES, type FillRule } from "@/lib/validation/leaderboard";
export const ORIGINS = ["all", "measured", "reported"] as const;

const text = (max: number) => z.string().trim().max(max);
const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const lenient = <T extends z.ZodTypeAny>(schema: T, fallback: z.infer<T>) =>
  z.preprocess(firstOf, schema.optional().catch(undefined)).transform((v) => (v === undefined || v === "" ? fallback : v));

/**
 * The leaderboard view as URL query parameters, so a filtered, sorted view is a link. Unknown or malformed
 * values fall back to the default instead of failing: an old link still opens.
 */
export const leaderboardQuery = z.object({
  task: lenient(text(40), ""),
  suite: lenient(text(200), ""),
  origin: lenient(z.enum(ORIGINS), "all"),
  model: lenient(text(200), ""),
  fill: lenient(z.enum(FILL_RULES), "latest"),
  /** A column key ("<suite>::<metric>"), or "model". Empty: the section's first column. */
  sort: lenient(text(400), ""),
  dir: lenient(z.enum(["asc", "desc"]), "desc"),
});
export type LeaderboardFilters = z.output<typeof leaderboardQuery>;

export const defaultFilters: LeaderboardFilters = leaderboardQuery.parse({});

/** From Next's searchParams or a URLSearchParams. */
export function parseLeaderboardFilters(input: Record<string, string | string[] | undefined> | URLSearchParams): LeaderboardFilters {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input.entries()) : input;
  return leaderboardQuery.parse(record);
}

/** The query string of a view, with defaults left out so links stay short. */
export function filtersToQuery(filters: Partial<LeaderboardFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...defaultFilters, ...filters })) {
    if (value !== defaultFilters[key as keyof LeaderboardFilters]) params.set(key, String(value));
  }
  return params.toString();
}
