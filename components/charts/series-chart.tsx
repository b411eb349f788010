"use client";

import { CartesianGrid, ComposedChart, ErrorBar, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";

export interface SeriesCurve {
  key: string;
  label: string;
  points: { step: number; value: number; lo: number | null; hi: number | null }[];
}

export interface LogCurve {
  key: string;
  label: string;
  points: { step: number; value: number }[];
}

const EVAL_COLORS = ["#0b6e6e", "#b4461c", "#3b5bdb", "#7a3e9d", "#2f7d32", "#9c6500"];
const LOG_COLORS = ["#8a94a6", "#c08497", "#6c8ead", "#a3a380"];

/**
 * Evaluation metrics against training step with 95% whiskers (left axis), training-log curves on the same step
 * axis (right axis), like the paper's Figure 3. One row per step that any curve has.
 */
export function SeriesChart({ curves, logs, label, testId }: { curves: SeriesCurve[]; logs: LogCurve[]; label: string; testId: string }) {
  const rows = new Map<number, Record<string, number | number[]>>();
  const row = (step: number) => rows.get(step) ?? rows.set(step, { step }).get(step)!;
  for (const curve of curves) {
    for (const p of curve.points) {
      const r = row(p.step);
      r[curve.key] = p.value;
      r[`${curve.key}err`] = p.lo !== null && p.hi !== null ? [Math.max(0, p.value - p.lo), Math.max(0, p.hi - p.value)] : [0, 0];
    }
  }
  for (const log of logs) for (const p of log.points) row(p.step)[log.key] = p.value;
  const data = [...rows.values()].sort((a, b) => (a.step as number) - (b.step as number));
  return (
    <figure className="chart" data-testid={testId} aria-label={label} style={{ height: 340 }}>
      <ComposedChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 12, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="step" domain={["dataMin", "dataMax"]} allowDecimals={false} />
        <YAxis yAxisId="eval" width={48} />
        {logs.length > 0 && <YAxis yAxisId="log" orientation="right" width={48} />}
        <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(4) : String(v))} />
        <Legend />
        {curves.map((curve, i) => (
          <Line
            key={curve.key}
            yAxisId="eval"
            dataKey={curve.key}
            name={curve.label}
            stroke={EVAL_COLORS[i % EVAL_COLORS.length]}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          >
            <ErrorBar dataKey={`${curve.key}err`} width={6} stroke={EVAL_COLORS[i % EVAL_COLORS.length]} />
          </Line>
        ))}
        {logs.map((log, i) => (
          <Line
            key={log.key}
            yAxisId="log"
            dataKey={log.key}
            name={log.label}
            stroke={LOG_COLORS[i % LOG_COLORS.length]}
            strokeDasharray="4 3"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </figure>
  );
}
