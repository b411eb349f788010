import { getTranslations } from "next-intl/server";
import { getAppDb } from "@/lib/app-db";
import { loadHumanPreference } from "@/lib/studies/preference-stats";
import { BradleyTerryTable } from "./bradley-terry-table";

/** The leaderboard's "human preference" section: clinicians' blind pairwise choices as a Bradley–Terry ranking. */
export async function HumanPreference() {
  const [t, preference] = await Promise.all([getTranslations("preference"), loadHumanPreference(await getAppDb())]);
  if (preference.judgements === 0) return null;
  return (
    <section aria-labelledby="human-preference" data-testid="human-preference">
      <h2 id="human-preference">{t("leaderboardTitle", { n: preference.judgements })}</h2>
      <p className="small muted">{t("leaderboardIntro", { studies: preference.studies })}</p>
      <BradleyTerryTable ranking={preference} />
    </section>
  );
}
