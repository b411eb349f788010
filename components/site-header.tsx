import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { pageCaller } from "@/lib/auth/page-caller";
import { AccountMenu } from "./accounts/account-menu";
import { LocaleSwitch } from "./locale-switch";
import { MainNav } from "./main-nav";

export async function SiteHeader() {
  const [t, tApp, tAccount, tStudies, locale, caller] = await Promise.all([
    getTranslations("nav"),
    getTranslations("app"),
    getTranslations("account"),
    getTranslations("studies"),
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
          <MainNav
            label="main"
            links={[
              { href: "/", text: t("leaderboard") },
              { href: "/runs", text: t("runs") },
              { href: "/models", text: t("models") },
              { href: "/audits", text: t("audits") },
              { href: "/suites", text: t("suites") },
              { href: "/studies", text: tStudies("title") },
              { href: "/lineages", text: t("lineages") },
              ...(caller.kind === "admin"
                ? [
                    { href: "/admin/users", text: tAccount("users") },
                    { href: "/admin/audit", text: tAccount("audit") },
                  ]
                : []),
            ]}
          />
        )}
        {singleUser && (
          <span className="badge badge-reported" title={tAccount("singleUserHint")} data-testid="single-user-badge">
            {tAccount("singleUser")}
          </span>
        )}
        <LocaleSwitch current={locale} label={t("language")} />
      </div>
      {signedIn && !singleUser && caller.email && (
        <div className="container header-row header-account">
          <AccountMenu email={caller.email} role={caller.kind === "admin" ? "admin" : "researcher"} />
        </div>
      )}
    </header>
  );
}
