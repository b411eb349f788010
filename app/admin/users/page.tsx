import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UsersManager } from "@/components/accounts/users-manager";
import { requireCaller } from "@/lib/auth/page-caller";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const caller = await requireCaller("admin", "/admin/users");
  const t = await getTranslations("users");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {"singleUser" in caller && caller.singleUser ? (
        <div className="notice">
          <p>{t("singleUser")}</p>
          <Link className="button button-primary" href="/setup">
            {t("createFirst")}
          </Link>
        </div>
      ) : (
        <UsersManager />
      )}
    </>
  );
}
