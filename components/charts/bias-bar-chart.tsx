"use client";

import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { NAME_AXIS_WIDTH, NameTick } from "./name-tick";

export interface IntervalBarDatum {
  id: string;
  label: string;
  value: number;
  lo: number | null;
  hi: number | null;
  /** Drawn in grey: a reference strategy, not a model. */
  muted?: boolean;
}

const COLOR = "#0b6e6e";
const MUTED = "#9aa4b2";

function ticksOf([min, max]: [number, number]): number[] {
  const step = max - min > 12 ? 10 : 1;
  const out: number[] = [];
  for (let v = min; v <= max; v += step) out.push(v);
  return out;
}

/** Horizontal bars with 95% whiskers, one row per entry, on a fixed domain (the scale's range). */
export function BiasBarChart({
  data,
  domain,
  midpoint,
  midpointLabel,
  valueName,
  label,
  testId,
}: {
  data: IntervalBarDatum[];
  domain: [number, number];
  midpoint?: number;
  midpointLabel?: string;
  valueName: string;
  label: string;
  testId: string;
}) {
  const rows = data.map((d) => ({
    ...d,
    err: d.lo !== null && d.hi !== null ? [Math.max(0, d.value - d.lo), Math.max(0, d.hi - d.value)] : [0, 0],
  }));
  const height = 56 + rows.length * 34;
  return (
    <figure className="chart" data-testid={testId} aria-label={label} style={{ height }}>
      <BarChart responsive layout="vertical" data={rows} style={{ width: "100%", height: "100%" }} margin={{ top: 16, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={domain} ticks={ticksOf(domain)} allowDataOverflow />
        <YAxis type="category" dataKey="label" width={NAME_AXIS_WIDTH} tick={<NameTick />} interval={0} />
        <Tooltip formatter={(v) => [typeof v === "number" ? v.toFixed(2) : String(v), valueName]} />
        {midpoint !== undefined && (
          <ReferenceLine x={midpoint} stroke="#5b6577" strokeDasharray="4 4" label={{ value: midpointLabel, position: "top", fontSize: 11 }} />
        )}
        <Bar dataKey="value" name={valueName} isAnimationActive={false} barSize={18} minPointSize={2}>
          {rows.map((r) => (
            <Cell key={r.id} fill={r.muted ? MUTED : COLOR} />
          ))}
          <ErrorBar dataKey="err" width={6} strokeWidth={1.5} stroke="#1d2330" isAnimationActive={false} />
        </Bar>
      </BarChart>
    </figure>
  );
}
