"use client";

import { useTranslations } from "next-intl";
import { acceptInvite } from "@/lib/api/accounts";
import { AccountForm } from "./account-form";

export function AcceptInviteForm({ token }: { token: string }) {
  const t = useTranslations("invite");
  return (
    <AccountForm
      withName
      withEmail={false}
      submitLabel={t("submit")}
      next="/"
      send={({ name, password }) => acceptInvite({ token, name, password })}
    />
  );
}
