import { getLocale, getTranslations } from "next-intl/server";
import { BoardFilters } from "@/components/leaderboard/board-filters";
import { ContaminationSection } from "@/components/leaderboard/contamination-section";
import { LeaderboardViewPanel } from "@/components/leaderboard/board-view";
import { HumanPreference } from "@/components/leaderboard/human-preference";
import { ShareButton } from "@/components/share/share-button";
import { pageCaller } from "@/lib/auth/page-caller";
import { getAppDb } from "@/lib/app-db";
import { filtersToQuery, type LeaderboardFilters, parseLeaderboardFilters } from "@/lib/leaderboard/filters";
import { loadLeaderboardView } from "@/lib/leaderboard/load-view";

export const dynamic = "force-dynamic";

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseLeaderboardFilters(await searchParams);
  const [t, locale, caller] = await Promise.all([getTranslations("leaderboard"), getLocale(), pageCaller()]);
  const view = await loadLeaderboardView(await getAppDb(), filters, locale);
  const hrefFor = (change: Partial<LeaderboardFilters>) => {
    const query = filtersToQuery({ ...filters, ...change });
    return query ? `/?${query}` : "/";
  };
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <BoardFilters view={view} action="/" />
      {(caller.kind === "researcher" || caller.kind === "admin") && (
        <div className="actions" data-testid="board-share-bar">
          <ShareButton kind="leaderboard" target={{ filters }} />
        </div>
      )}
      <LeaderboardViewPanel view={view} hrefFor={hrefFor} />
      <HumanPreference />
      {(caller.kind === "researcher" || caller.kind === "admin") && <ContaminationSection />}
    </>
  );
}
