"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { type UserRow, useInvite, useUpdateUser, useUsers } from "@/lib/api/accounts";

export function UsersManager() {
  const t = useTranslations("users");
  const tAccount = useTranslations("account");
  const users = useUsers();
  const update = useUpdateUser();
  const roleLabel = (role: UserRow["role"]) => tAccount(role === "admin" ? "roleAdmin" : "roleResearcher");
  return (
    <>
      {users.isPending && <p className="muted">{t("loading")}</p>}
      <ApiErrorView error={users.error ?? update.error} />
      <div className="table-scroll">
        <table data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("created")}</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((user) => (
              <tr key={user.id}>
                <td className="item-text">{user.name}</td>
                <td className="item-text">{user.email}</td>
                <td>
                  <select
                    aria-label={`${t("role")}: ${user.email}`}
                    value={user.role}
                    disabled={update.isPending}
                    onChange={(event) => update.mutate({ id: user.id, role: event.target.value as UserRow["role"] })}
                  >
                    {(["researcher", "admin"] as const).map((role) => (
                      <option key={role} value={role}>
                        {roleLabel(role)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {user.disabled ? t("disabled") : t("active")}{" "}
                  <button
                    type="button"
                    className="button"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                  >
                    {user.disabled ? t("enable") : t("disable")}
                  </button>
                </td>
                <td>
                  <LocalTime iso={user.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <InviteForm roleLabel={roleLabel} />
    </>
  );
}

function InviteForm({ roleLabel }: { roleLabel: (role: UserRow["role"]) => string }) {
  const t = useTranslations("users");
  const invite = useInvite();
  const [copied, setCopied] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setCopied(false);
    invite.mutate({ email: String(data.get("email")), role: data.get("role") === "admin" ? "admin" : "researcher" });
  }
  const link = invite.data ? `${window.location.origin}${invite.data.path}` : null;
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("inviteTitle")}</h2>
      <p className="small muted">{t("inviteIntro")}</p>
      <form className="form-row" onSubmit={submit}>
        <Field label={t("email")}>
          <input name="email" type="email" required maxLength={254} />
        </Field>
        <Field label={t("role")}>
          <select name="role" defaultValue="researcher">
            <option value="researcher">{roleLabel("researcher")}</option>
            <option value="admin">{roleLabel("admin")}</option>
          </select>
        </Field>
        <p>
          <button className="button button-primary" type="submit" disabled={invite.isPending}>
            {t("invite")}
          </button>
        </p>
      </form>
      <ApiErrorView error={invite.error} />
      {link && invite.data && (
        <div className="notice notice-ok">
          <p className="notice-title">{t("inviteLink", { email: invite.data.email })}</p>
          <p className="mono item-text" data-testid="invite-link">
            {link}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true), () => {})}
          >
            {t("copy")}
            {copied ? " ✓" : ""}
          </button>
        </div>
      )}
    </section>
  );
}
