import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FirstAccountForm } from "@/components/accounts/first-account-form";
import { accountsExist } from "@/lib/auth/app-auth";
import { pageCaller } from "@/lib/auth/page-caller";
import { isSetupToken } from "@/lib/auth/setup-token";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("title") };
}

/** First run: the single user on loopback, or whoever holds the first-run link from the server log. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const t = await getTranslations("setup");
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  const caller = await pageCaller();
  const singleUser = "singleUser" in caller && caller.singleUser;
  let body;
  if (await accountsExist()) {
    body = (
      <p className="notice">
        {t("done")} <Link href="/sign-in">→</Link>
      </p>
    );
  } else if (singleUser || isSetupToken(token)) {
    body = <FirstAccountForm setupToken={singleUser ? undefined : token} />;
  } else {
    body = <p className="notice">{t("needToken")}</p>;
  }
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {body}
    </>
  );
}
