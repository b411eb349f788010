import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "./locale-switch";
import { MainNav } from "./main-nav";

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
        <MainNav
          label="main"
          links={[
            { href: "/", text: t("leaderboard") },
            { href: "/runs", text: t("runs") },
            { href: "/models", text: t("models") },
            { href: "/audits", text: t("audits") },
            { href: "/suites", text: t("suites") },
          ]}
        />
        <LocaleSwitch current={locale} label={t("language")} />
      </div>
    </header>
  );
}
