import { z } from "zod";
import { downloadResponse } from "@/lib/export/download";
import { route } from "@/lib/http/route";
import { locales } from "@/lib/i18n/locale";
import { leaderboardCsv, leaderboardJson } from "@/lib/leaderboard/export";
import { leaderboardQuery } from "@/lib/leaderboard/filters";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";

export const dynamic = "force-dynamic";

const query = leaderboardQuery.extend({
  /** Without it: the view as a JSON body; csv or json: the view as a download. */
  format: z.enum(["csv", "json"]).optional(),
  locale: z.enum(locales).optional(),
});

/** The leaderboard view with the same filters as the page (`?task=&suite=&origin=&model=&fill=&sort=&dir=`). */
export const GET = route({ access: "researcher", query }, async ({ db, query: { format, locale, ...filters } }) => {
  const view = await loadLeaderboardView(db, filters, locale ?? "en");
  if (!format) return view;
  return downloadResponse(format === "csv" ? leaderboardCsv(view) : leaderboardJson(view), format, "leaderboard");
});
