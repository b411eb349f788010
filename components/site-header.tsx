import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "./locale-switch";

export async function SiteHeader() {
  const [t, tApp, locale] = await Promise.all([getTranslations("nav"), getTranslations("app"), getLocale()]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skip")}
      </a>
      <div className="container header-row">
        <Link href="/" className="brand">
          {tApp("title")}
        </Link>
        <nav aria-label="main" className="main-nav">
          <Link href="/">{t("leaderboard")}</Link>
          <Link href="/runs">{t("runs")}</Link>
          <Link href="/models">{t("models")}</Link>
          <Link href="/audits">{t("audits")}</Link>
          <Link href="/suites">{t("suites")}</Link>
        </nav>
        <LocaleSwitch current={locale} label={t("language")} />
      </div>
    </header>
  );
}
