"use client";

import { useTranslations } from "next-intl";
import { createFirstAccount } from "@/lib/api/accounts";
import { AccountForm } from "./account-form";

export function FirstAccountForm({ setupToken }: { setupToken?: string }) {
  const t = useTranslations("setup");
  return (
    <AccountForm withName withEmail submitLabel={t("submit")} next="/admin/users" send={(fields) => createFirstAccount({ ...fields, setupToken })} />
  );
}
