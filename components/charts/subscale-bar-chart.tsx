"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { NAME_AXIS_WIDTH, NameTick } from "./name-tick";

export interface SubscaleRow {
  id: string;
  label: string;
  /** Per series id: the score and its 95% interval. */
  values: Record<string, { value: number | null; lo: number | null; hi: number | null }>;
}

export interface SubscaleSeries {
  id: string;
  name: string;
}

const COLORS = ["#0b6e6e", "#c2410c", "#6d28d9", "#2563eb", "#9a5b00", "#15803d"];

/** Grouped horizontal bars: one group per row (model), one bar per series (subscale), with 95% whiskers. */
export function SubscaleBarChart({
  rows,
  series,
  domain,
  midpoint,
  label,
  testId,
}: {
  rows: SubscaleRow[];
  series: SubscaleSeries[];
  domain: [number, number];
  midpoint?: number;
  label: string;
  testId: string;
}) {
  const data = rows.map((r) => {
    const flat: Record<string, unknown> = { id: r.id, label: r.label };
    for (const s of series) {
      const v = r.values[s.id];
      flat[s.id] = v?.value ?? null;
      flat[`${s.id}_err`] =
        v && v.value !== null && v.lo !== null && v.hi !== null ? [Math.max(0, v.value - v.lo), Math.max(0, v.hi - v.value)] : [0, 0];
    }
    return flat;
  });
  const height = 90 + rows.length * (series.length * 14 + 18);
  const step = (domain[1] - domain[0]) / 4;
  return (
    <figure className="chart" data-testid={testId} aria-label={label} style={{ height }}>
      <BarChart responsive layout="vertical" data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={domain} ticks={[0, 1, 2, 3, 4].map((i) => domain[0] + i * step)} allowDataOverflow />
        <YAxis type="category" dataKey="label" width={NAME_AXIS_WIDTH} tick={<NameTick />} interval={0} />
        <Tooltip formatter={(v, name) => [typeof v === "number" ? v.toFixed(1) : String(v), name]} />
        <Legend itemSorter={null} />
        {midpoint !== undefined && <ReferenceLine x={midpoint} stroke="#5b6577" strokeDasharray="4 4" />}
        {series.map((s, i) => (
          <Bar key={s.id} dataKey={s.id} name={s.name} fill={COLORS[i % COLORS.length]} isAnimationActive={false} barSize={12} minPointSize={2}>
            <ErrorBar dataKey={`${s.id}_err`} width={4} strokeWidth={1.2} stroke="#1d2330" isAnimationActive={false} />
          </Bar>
        ))}
      </BarChart>
    </figure>
  );
}
