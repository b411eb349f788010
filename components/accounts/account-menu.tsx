"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { signOut, signOutEverywhere } from "@/lib/api/accounts";

/** The signed-in account and its sign-out buttons; after signing out the browser reloads at sign-in. */
export function AccountMenu({ email, role }: { email: string; role: "admin" | "researcher" }) {
  const t = useTranslations("account");
  const [pending, setPending] = useState(false);
  const leave = (how: () => Promise<void>) => async () => {
    setPending(true);
    await how().catch(() => {});
    window.location.assign("/sign-in");
  };
  return (
    <div className="account-menu" data-testid="account-menu">
      <span className="small item-text">
        {t("signedInAs", { email })} <span className="badge badge-measured">{t(role === "admin" ? "roleAdmin" : "roleResearcher")}</span>
      </span>
      <button type="button" className="button" disabled={pending} onClick={leave(signOut)}>
        {t("signOut")}
      </button>
      <button type="button" className="button" disabled={pending} onClick={leave(signOutEverywhere)}>
        {t("signOutEverywhere")}
      </button>
    </div>
  );
}
