import { getTranslations } from "next-intl/server";
import { LeaderboardTable } from "@/components/leaderboard-table";
import { getAppDb } from "@/lib/app-db";
import { listReportedResults } from "@/lib/db/queries/reported-results";
import { buildLeaderboard, type LeaderboardEntry } from "@/lib/leaderboard/build";

export const dynamic = "force-dynamic";

export default async function LeaderboardPage() {
  const t = await getTranslations("leaderboard");
  const reported = await listReportedResults(await getAppDb());
  const entries: LeaderboardEntry[] = reported.map((r) => ({ ...r, origin: "reported" }));
  const sections = buildLeaderboard(entries);
  const sources = [...new Set(reported.map((r) => r.source))];
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {sections.length === 0 && <p>{t("empty")}</p>}
      {sections.map((section) => (
        <LeaderboardTable key={section.task} section={section} />
      ))}
      {sources.length > 0 && (
        <p className="small muted" data-testid="reported-source">
          <span className="badge badge-reported">{t("reported")}</span> {t("source")}: {sources.join("; ")}
        </p>
      )}
    </>
  );
}
