"use client";

import { useTranslations } from "next-intl";
import { type RunAction, useRunAction } from "@/lib/api/runs";
import { runActionsFor } from "@/lib/run-status";
import { ApiErrorView } from "@/components/ui/api-error";

export function RunActions({ id, status, errors }: { id: string; status: string; errors: number }) {
  const t = useTranslations("runs.actions");
  const action = useRunAction(id);
  const allowed = runActionsFor({ status, errors });
  const buttons: { action: RunAction; label: string; enabled: boolean }[] = [
    { action: "cancel", label: t("cancel"), enabled: allowed.cancel },
    { action: "resume", label: t("resume"), enabled: allowed.resume },
    { action: "retry-errors", label: t("retryErrors"), enabled: allowed.retryErrors },
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
