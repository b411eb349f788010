import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { CohortJoin } from "@/components/studies/cohort-join";
import { RaterApp } from "@/components/studies/rater-app";
import { getAppDb } from "@/lib/app-db";
import { touchRater } from "@/lib/db/queries/studies";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/locale";
import { loadMessages } from "@/lib/i18n/messages";
import { cohortCookieName, existingCohortRater, studyOfCohortToken } from "@/lib/studies/cohort";
import { isStudyOpen, raterOfToken } from "@/lib/studies/raters";
import { loadRaterView } from "@/lib/studies/rater-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false, follow: false } };

/**
 * /rate/<token>: a rater's own page, or a cohort link's page (which sends a device that already joined back to
 * its own link). Anything else, or a revoked link: 404. The page speaks the study's language unless the rater
 * chose one with the language switch.
 */
export default async function RatePage({ params }: Props) {
  const { token } = await params;
  const db = await getAppDb();
  const cookieStore = await cookies();
  const chosen = cookieStore.get(LOCALE_COOKIE)?.value;
  const localeFor = (language: string): Locale => (isLocale(chosen) ? chosen : isLocale(language) ? language : "en");

  const found = await raterOfToken(db, token);
  if (found) {
    const { rater, study } = found;
    await touchRater(db, { id: rater.id, now: new Date() });
    const view = await loadRaterView(db, { rater, study, open: isStudyOpen(study, new Date()) });
    const locale = localeFor(study.language);
    return (
      <NextIntlClientProvider locale={locale} messages={await loadMessages(locale)}>
        <div lang={locale}>
          <h1>{view.study.title}</h1>
          <RaterApp token={token} view={view} />
        </div>
      </NextIntlClientProvider>
    );
  }
  const study = await studyOfCohortToken(db, token);
  if (!study || !isStudyOpen(study, new Date())) notFound();
  const held = await existingCohortRater(db, study, cookieStore.get(cohortCookieName(study.id))?.value);
  if (held) redirect(`/rate/${held}`);
  const locale = localeFor(study.language);
  return (
    <NextIntlClientProvider locale={locale} messages={await loadMessages(locale)}>
      <div lang={locale}>
        <CohortJoin token={token} title={study.title} />
      </div>
    </NextIntlClientProvider>
  );
}
