"use client";

import { useTranslations } from "next-intl";
import type { AuditFilter } from "@/lib/audit/comparison";

const keys = ["stigma", "chimed"] as const;
const missingModes = ["exclude", "paper_compatible"] as const;

export function AuditFilterForm({
  filter,
  onChange,
}: {
  filter: AuditFilter;
  onChange: (next: AuditFilter) => void;
}) {
  const t = useTranslations("audit");
  return (
    <fieldset className="audit-filter card">
      <legend>{t("filters")}</legend>
      <label>
        <span>{t("key")}</span>
        <select value={filter.key} onChange={(e) => onChange({ ...filter, key: e.target.value as AuditFilter["key"] })}>
          {keys.map((k) => (
            <option key={k} value={k}>
              {t(`keys.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("missing")}</span>
        <select
          value={filter.missing}
          onChange={(e) => onChange({ ...filter, missing: e.target.value as AuditFilter["missing"] })}
        >
          {missingModes.map((m) => (
            <option key={m} value={m}>
              {t(`missingModes.${m}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
