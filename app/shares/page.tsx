import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SharesList } from "@/components/share/shares-list";
import { requireCaller } from "@/lib/auth/page-caller";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("share.list"))("title") };
}

export default async function SharesPage() {
  await requireCaller("researcher", "/shares");
  const t = await getTranslations("share.list");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <SharesList />
    </>
  );
}
