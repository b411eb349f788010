import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/accounts/sign-in-form";
import { accountsExist } from "@/lib/auth/app-auth";
import { pageCaller } from "@/lib/auth/page-caller";
import { safeNext } from "@/lib/auth/pages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNext(Array.isArray(raw) ? raw[0] : raw);
  if ((await pageCaller()).kind !== "anonymous") redirect(next);
  const t = await getTranslations("signIn");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {!(await accountsExist()) && <p className="notice">{t("noAccountYet")}</p>}
      <SignInForm next={next} />
    </>
  );
}
