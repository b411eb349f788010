"use client";

import { useTranslations } from "next-intl";
import { ApiError } from "@/lib/api/fetcher";
import { signIn } from "@/lib/api/accounts";
import { AccountForm } from "./account-form";

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("signIn");
  return (
    <AccountForm
      withName={false}
      withEmail
      submitLabel={t("submit")}
      next={next}
      send={({ email, password }) => signIn(email, password)}
      describeError={(error) =>
        error instanceof ApiError && error.status === 401 ? t("wrong") : error instanceof ApiError && error.status === 429 ? t("tooMany") : error
      }
    />
  );
}
