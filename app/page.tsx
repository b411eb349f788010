import { getLocale, getTranslations } from "next-intl/server";
import { HumanPreference } from "@/components/leaderboard/human-preference";
import { LeaderboardTable } from "@/components/leaderboard-table";
import { getAppDb } from "@/lib/app-db";
import { loadLeaderboard } from "@/lib/leaderboard/load";

export const dynamic = "force-dynamic";

export default async function LeaderboardPage() {
  const [t, locale] = await Promise.all([getTranslations("leaderboard"), getLocale()]);
  const { sections, sources } = await loadLeaderboard(await getAppDb(), locale);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {sections.length === 0 && <p>{t("empty")}</p>}
      {sections.map((section) => (
        <LeaderboardTable key={section.task} section={section} />
      ))}
      <HumanPreference />
      {sources.length > 0 && (
        <p className="small muted" data-testid="reported-source">
          <span className="badge badge-reported">{t("reported")}</span> {t("source")}: {sources.join("; ")}
        </p>
      )}
    </>
  );
}
