"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { type LogCurve, SeriesChart } from "@/components/charts/series-chart";
import { formatInterval, formatMetric } from "@/components/runs/format";
import type { SeriesSuite } from "@/lib/series/series-view";

interface LogData {
  id: string;
  name: string;
  metrics: string[];
  points: { step: number; values: Record<string, number> }[];
}

const DEFAULT_LOG_METRICS = new Set(["loss", "eval_loss", "train_loss"]);

/** Chart with the suites and log curves the reader ticks, and the same numbers as a table. */
export function SeriesCurves({ suites, logs }: { suites: SeriesSuite[]; logs: LogData[] }) {
  const t = useTranslations("series");
  const [shown, setShown] = useState<Set<string>>(() => new Set(suites.filter((s) => s.taskKind !== "scale").slice(0, 3).map((s) => s.suiteId)));
  const logKeys = logs.flatMap((log) => log.metrics.map((metric) => ({ key: `${log.id}:${metric}`, label: `${log.name} · ${metric}`, log, metric })));
  const [shownLogs, setShownLogs] = useState<Set<string>>(() => new Set(logKeys.filter((k) => DEFAULT_LOG_METRICS.has(k.metric)).map((k) => k.key)));
  const toggle = (set: Set<string>, key: string) => {
    const next = new Set(set);
    if (!next.delete(key)) next.add(key);
    return next;
  };
  const curves = suites
    .filter((s) => shown.has(s.suiteId))
    // Plain keys: recharts reads a dotted dataKey as a path, and suite ids may hold dots.
    .map((s, i) => ({
      key: `e${i}`,
      label: `${s.name} · ${s.metric}${s.lowerIsBetter ? ` (${t("lowerBetter")})` : ""}`,
      points: s.points,
    }));
  const logCurves: LogCurve[] = logKeys
    .filter((k) => shownLogs.has(k.key))
    .map((k, i) => ({
      key: `l${i}`,
      label: k.label,
      points: k.log.points.flatMap((p) => (k.metric in p.values ? [{ step: p.step, value: p.values[k.metric] }] : [])),
    }));
  return (
    <>
      <fieldset className="form-row" data-testid="series-suite-picker">
        <legend>{t("suitesShown")}</legend>
        {suites.map((s) => (
          <label key={s.suiteId} className="small">
            <input type="checkbox" checked={shown.has(s.suiteId)} onChange={() => setShown((set) => toggle(set, s.suiteId))} /> {s.name}
          </label>
        ))}
      </fieldset>
      {logKeys.length > 0 && (
        <fieldset className="form-row" data-testid="series-log-picker">
          <legend>{t("logMetricsShown")}</legend>
          {logKeys.map((k) => (
            <label key={k.key} className="small">
              <input type="checkbox" checked={shownLogs.has(k.key)} onChange={() => setShownLogs((set) => toggle(set, k.key))} /> {k.label}
            </label>
          ))}
        </fieldset>
      )}
      <SeriesChart curves={curves} logs={logCurves} label={t("chartLabel")} testId="series-chart" />
      {suites
        .filter((s) => shown.has(s.suiteId))
        .map((s) => (
          <div key={s.suiteId} className="table-scroll">
            <table data-testid="series-points" data-suite={s.suiteId}>
              <caption className="small">
                {s.name} · {s.metric}
                {s.lowerIsBetter ? ` (${t("lowerBetter")})` : ""}
              </caption>
              <thead>
                <tr>
                  <th>{t("checkpoint")}</th>
                  <th>{t("step")}</th>
                  <th>{t("value")}</th>
                  <th>{t("interval")}</th>
                </tr>
              </thead>
              <tbody>
                {s.points.map((p) => (
                  <tr key={p.runId} data-step={p.step}>
                    <td>
                      <a href={`/runs/${p.runId}`}>{p.checkpoint}</a>
                    </td>
                    <td>{p.step}</td>
                    <td data-testid="point-value">{formatMetric(p.value, s.taskKind)}</td>
                    <td>{p.lo !== null && p.hi !== null ? formatInterval([p.lo, p.hi], s.taskKind) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
