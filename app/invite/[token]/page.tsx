import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInviteForm } from "@/components/accounts/accept-invite-form";
import { getAppDb } from "@/lib/app-db";
import { findInvite } from "@/lib/auth/accounts";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const [t, tAccount] = await Promise.all([getTranslations("invite"), getTranslations("account")]);
  const { token } = await params;
  const invite = token.length <= 100 ? await findInvite(await getAppDb(), token) : null;
  return (
    <>
      <h1>{t("title")}</h1>
      {invite ? (
        <>
          <p className="lead">
            {t("intro", { role: tAccount(invite.role === "admin" ? "roleAdmin" : "roleResearcher"), email: invite.email })}
          </p>
          <AcceptInviteForm token={token} />
        </>
      ) : (
        <p className="notice">{t("invalid")}</p>
      )}
    </>
  );
}
