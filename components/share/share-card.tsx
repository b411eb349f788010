import { formatMetric } from "@/components/runs/format";
import { asciiLabel } from "@/lib/share/ascii";
import { headlineBars } from "@/lib/share/bars";
import { shareHeadline } from "@/lib/share/headline";
import type { SharedView } from "@/lib/share/projection";

/** The Open Graph card of a share (1200 × 630): title and headline bars, built only from the shared projection. */
export function shareCard(view: SharedView) {
  const headline = shareHeadline(view, (name) => name.en);
  const { bars } = headlineBars(headline.bars, headline.taskKind, 6);
  const title = asciiLabel(headline.asciiTitle) || "ChiMed Eval";
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", padding: 56, fontSize: 28, color: "#1b2733" }}>
      <div style={{ display: "flex", fontSize: 44, fontWeight: 700 }}>{title}</div>
      <div style={{ display: "flex", fontSize: 24, color: "#5b6b7b", marginTop: 8 }}>{asciiLabel(`ChiMed Eval - ${headline.subtitle}`, 90)}</div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 36 }}>
        {bars.map((bar, i) => (
          <div key={`${i}-${bar.name}`} style={{ display: "flex", alignItems: "center", height: 64 }}>
            <div style={{ display: "flex", width: 220 }}>{asciiLabel(bar.name, 16) || `#${i + 1}`}</div>
            <div style={{ display: "flex", position: "relative", width: 700, height: 36, background: "#eef2f6" }}>
              <div style={{ position: "absolute", left: bar.from * 700, width: Math.max(2, (bar.to - bar.from) * 700), height: 36, background: "#2f6fb1" }} />
              {bar.ci && <div style={{ position: "absolute", left: bar.ci[0] * 700, width: Math.max(2, (bar.ci[1] - bar.ci[0]) * 700), top: 16, height: 4, background: "#111" }} />}
            </div>
            <div style={{ display: "flex", marginLeft: 20 }}>{formatMetric(bar.value, headline.taskKind)}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
