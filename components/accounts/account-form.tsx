"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

export interface AccountFields {
  name: string;
  email: string;
  password: string;
}

/**
 * Name (optional), email (optional: an invite fixes it) and password; on success the browser loads `next` in
 * full, so the header and every page see the new session.
 */
export function AccountForm({
  withName,
  withEmail,
  submitLabel,
  next,
  send,
  describeError,
}: {
  withName: boolean;
  withEmail: boolean;
  submitLabel: string;
  next: string;
  send: (fields: AccountFields) => Promise<unknown>;
  describeError?: (error: unknown) => unknown;
}) {
  const t = useTranslations("setup");
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await send({ name: String(data.get("name") ?? ""), email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") });
      window.location.assign(next);
    } catch (caught) {
      setError(describeError ? describeError(caught) : caught);
      setPending(false);
    }
  }
  return (
    <form className="form-grid card" onSubmit={submit}>
      {withName && (
        <Field label={t("name")}>
          <input name="name" autoComplete="name" required maxLength={100} />
        </Field>
      )}
      {withEmail && (
        <Field label={t("email")}>
          <input name="email" type="email" autoComplete="username" required maxLength={254} />
        </Field>
      )}
      <Field label={t("password")} hint={withName ? t("passwordHint") : undefined}>
        <input
          name="password"
          type="password"
          autoComplete={withName ? "new-password" : "current-password"}
          required
          minLength={withName ? 10 : undefined}
          maxLength={128}
        />
      </Field>
      <ApiErrorView error={error} />
      <p>
        <button className="button button-primary" type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </p>
    </form>
  );
}
