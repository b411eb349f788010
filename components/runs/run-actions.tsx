"use client";

import { useTranslations } from "next-intl";
import { isActiveStatus, type RunAction, useRunAction } from "@/lib/api/runs";
import { ApiErrorView } from "@/components/ui/api-error";

export function RunActions({ id, status, errors }: { id: string; status: string; errors: number }) {
  const t = useTranslations("runs.actions");
  const action = useRunAction(id);
  const active = isActiveStatus(status);
  const buttons: { action: RunAction; label: string; enabled: boolean }[] = [
    { action: "cancel", label: t("cancel"), enabled: active },
    { action: "resume", label: t("resume"), enabled: status === "cancelled" || status === "failed" },
    { action: "retry-errors", label: t("retryErrors"), enabled: errors > 0 && !active },
  ];
  return (
    <div>
      <div className="actions" role="group" aria-label={t("title")}>
        {buttons.map((b) => (
          <button
            key={b.action}
            type="button"
            className="button"
            disabled={!b.enabled || action.isPending}
            onClick={() => action.mutate(b.action)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <ApiErrorView error={action.error} />
    </div>
  );
}
