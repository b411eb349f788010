import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pageCaller } from "@/lib/auth/page-caller";
import { AccountMenu } from "./accounts/account-menu";
import { LocaleSwitch } from "./locale-switch";

export async function SiteHeader() {
  const [t, tApp, tAccount, locale, caller] = await Promise.all([
    getTranslations("nav"),
    getTranslations("app"),
    getTranslations("account"),
    getLocale(),
    pageCaller(),
  ]);
  const signedIn = caller.kind === "admin" || caller.kind === "researcher";
  const singleUser = "singleUser" in caller && caller.singleUser;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skip")}
      </a>
      <div className="container header-row">
        <Link href="/" className="brand">
          {tApp("title")}
        </Link>
        {signedIn && (
          <nav aria-label="main" className="main-nav">
            <Link href="/">{t("leaderboard")}</Link>
            <Link href="/runs">{t("runs")}</Link>
            <Link href="/models">{t("models")}</Link>
            <Link href="/audits">{t("audits")}</Link>
            <Link href="/suites">{t("suites")}</Link>
            {caller.kind === "admin" && <Link href="/admin/users">{tAccount("users")}</Link>}
            {caller.kind === "admin" && <Link href="/admin/audit">{tAccount("audit")}</Link>}
          </nav>
        )}
        <LocaleSwitch current={locale} label={t("language")} />
      </div>
      {(singleUser || (signedIn && caller.email)) && (
        <div className="container header-row header-account">
          {singleUser ? (
            <span className="badge badge-reported" title={tAccount("singleUserHint")} data-testid="single-user-badge">
              {tAccount("singleUser")}
            </span>
          ) : (
            <AccountMenu email={caller.email!} role={caller.kind === "admin" ? "admin" : "researcher"} />
          )}
        </div>
      )}
    </header>
  );
}
