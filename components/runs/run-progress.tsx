"use client";

import { useLocale, useTranslations } from "next-intl";
import { isActiveStatus, type RunViewData } from "@/lib/api/runs";
import { splitSeconds } from "./format";

export function RunProgress({ view }: { view: RunViewData }) {
  const t = useTranslations("runs.progress");
  const locale = useLocale();
  const { progress, itemsPerSecond, etaSeconds, run } = view;
  const finished = progress.done + progress.errors;
  const active = isActiveStatus(run.status);
  const eta = etaSeconds === null ? null : splitSeconds(etaSeconds);
  const stats: [string, string | number][] = [
    [t("done"), progress.done],
    [t("errors"), progress.errors],
    [t("unparsed"), progress.unparsed],
    [t("refused"), progress.refused],
    [t("cached"), progress.cached],
  ];
  if (active) {
    stats.push([t("rate"), itemsPerSecond.toLocaleString(locale, { maximumFractionDigits: 1 })]);
    stats.push([t("eta"), eta ? t("etaValue", eta) : "—"]);
  }
  return (
    <section className="card" aria-label={t("title")} data-testid="run-progress">
      <div className="progress-line">
        <progress max={Math.max(1, progress.total)} value={finished} aria-label={t("title")} />
        <span className="mono small" data-testid="progress-count">
          {finished}/{progress.total}
        </span>
      </div>
      <dl className="stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt className="small muted">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
