"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface DistributionRow {
  label: string;
  /** Items per series id in this bin. */
  counts: Record<string, number>;
}

const COLORS = ["#0b6e6e", "#c2410c", "#6d28d9", "#2563eb", "#9a5b00", "#15803d"];

/** Grouped vertical bars: one group per score bin, one bar per series (run), heights are item counts. */
export function DistributionChart({
  rows,
  series,
  label,
  testId,
}: {
  rows: DistributionRow[];
  series: { id: string; name: string }[];
  label: string;
  testId: string;
}) {
  const data = rows.map((r) => ({ label: r.label, ...r.counts }));
  return (
    <figure className="chart" data-testid={testId} aria-label={label} style={{ height: 260 }}>
      <BarChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} width={48} />
        <Tooltip />
        <Legend itemSorter={null} />
        {series.map((s, i) => (
          <Bar key={s.id} dataKey={s.id} name={s.name} fill={COLORS[i % COLORS.length]} isAnimationActive={false} minPointSize={1} />
        ))}
      </BarChart>
    </figure>
  );
}
