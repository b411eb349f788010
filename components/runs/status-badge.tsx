"use client";

import { useTranslations } from "next-intl";

const statuses = new Set(["queued", "running", "completed", "completed_with_errors", "failed", "cancelled"]);

export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("runs");
  return (
    <span className={`badge status-${status}`} data-testid="run-status">
      {statuses.has(status) ? t(`status.${status as "queued"}`) : status}
    </span>
  );
}
