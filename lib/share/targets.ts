import { z } from "zod";
import { MAX_COMPARED_RUNS } from "@/lib/validation/compare";
import { type LeaderboardFilters, parseLeaderboardFilters } from "@/lib/leaderboard/filters";

/** What a stored share target of each new kind looks like; checked at creation and again when a link is opened. */
export const comparisonTarget = z.object({ runIds: z.array(z.uuid()).min(2).max(MAX_COMPARED_RUNS) }).strict();
export const modelTarget = z.object({ modelId: z.uuid() }).strict();
export const leaderboardTarget = z
  .object({ filters: z.record(z.string().max(40), z.union([z.string().max(400), z.number(), z.boolean()])).default({}) })
  .strict();

/** A leaderboard target's filters, normalised (unknown or malformed values fall back to the defaults). */
export function leaderboardFiltersOf(target: Record<string, unknown>): LeaderboardFilters | null {
  const parsed = leaderboardTarget.safeParse(target);
  if (!parsed.success) return null;
  return parseLeaderboardFilters(Object.fromEntries(Object.entries(parsed.data.filters).map(([k, v]) => [k, String(v)])));
}
