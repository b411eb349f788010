import { headlineBars } from "@/lib/share/bars";
import type { SharedMetric } from "@/lib/share/projection";
import { formatMetric } from "@/components/runs/format";

const ROW = 28;
const LABEL = 150;
const PLOT = 420;
const VALUE = 90;

/** The headline metrics as a plain SVG drawn on the server: readable without JavaScript, and printable. */
export function HeadlineChart({ metrics, taskKind, title, names }: { metrics: SharedMetric[]; taskKind: string; title: string; names: Record<string, string> }) {
  const { bars } = headlineBars(metrics, taskKind);
  if (bars.length === 0) return null;
  const height = bars.length * ROW + 8;
  const width = LABEL + PLOT + VALUE;
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} data-testid="share-chart">
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        return (
          <g key={bar.name}>
            <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="12">
              {names[bar.name] ?? bar.name}
            </text>
            <rect x={LABEL + bar.from * PLOT} y={y + 5} width={Math.max(1, (bar.to - bar.from) * PLOT)} height={ROW - 12} fill="#2f6fb1" />
            {bar.ci && (
              <line x1={LABEL + bar.ci[0] * PLOT} x2={LABEL + bar.ci[1] * PLOT} y1={y + ROW / 2} y2={y + ROW / 2} stroke="#222" strokeWidth="2" />
            )}
            <text x={LABEL + PLOT + 8} y={y + ROW / 2 + 4} fontSize="12">
              {formatMetric(bar.value, taskKind)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
