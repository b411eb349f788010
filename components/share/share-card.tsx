import { ImageResponse } from "next/og";
import { formatMetric } from "@/components/runs/format";
import { clip } from "@/lib/clip";
import { localized } from "@/lib/i18n/locale";
import { headlineBars } from "@/lib/share/bars";
import { shareHeadline } from "@/lib/share/headline";
import { asciiOnly, ogFonts } from "@/lib/share/og-fonts";
import type { SharedView } from "@/lib/share/projection";

function cardText(view: SharedView, locale: string) {
  const headline = shareHeadline(view, (name) => localized(name, locale));
  const { bars } = headlineBars(headline.bars, headline.taskKind, 6);
  return {
    title: headline.title,
    subtitle: `ChiMed Eval · ${headline.subtitle}`,
    bars: bars.map((bar) => ({ ...bar, value: formatMetric(bar.value, headline.taskKind) })),
  };
}

/**
 * The Open Graph card of a share (1200 × 630): title and headline bars, built only from the shared projection.
 * `keep` removes what the image's fonts cannot draw (by default everything outside printable ASCII).
 */
export function shareCard(
  view: SharedView,
  { locale = "en", keep = asciiOnly, family }: { locale?: string; keep?: (text: string) => string; family?: string } = {},
) {
  const text = cardText(view, locale);
  const label = (value: string, max: number) => clip(keep(value), max, { note: false });
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", padding: 56, fontSize: 28, color: "#1b2733", ...(family ? { fontFamily: family } : {}) }}>
      <div style={{ display: "flex", fontSize: 44, fontWeight: 700 }}>{label(text.title, 60) || "ChiMed Eval"}</div>
      <div style={{ display: "flex", fontSize: 24, color: "#5b6b7b", marginTop: 8 }}>{label(text.subtitle, 90)}</div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 36 }}>
        {text.bars.map((bar, i) => (
          <div key={`${i}-${bar.name}`} style={{ display: "flex", alignItems: "center", height: 64 }}>
            <div style={{ display: "flex", width: 220, paddingRight: 12, fontSize: 22, overflow: "hidden", whiteSpace: "nowrap" }}>{label(bar.name, 18) || `#${i + 1}`}</div>
            <div style={{ display: "flex", position: "relative", width: 700, height: 36, background: "#eef2f6" }}>
              <div style={{ position: "absolute", left: bar.from * 700, width: Math.max(2, (bar.to - bar.from) * 700), height: 36, background: "#2f6fb1" }} />
              {bar.ci && <div style={{ position: "absolute", left: bar.ci[0] * 700, width: Math.max(2, (bar.ci[1] - bar.ci[0]) * 700), top: 16, height: 4, background: "#111" }} />}
            </div>
            <div style={{ display: "flex", marginLeft: 20 }}>{bar.value}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The card as a PNG, with the Noto Sans SC subsets its labels need (read from disk, never fetched). */
export function shareCardImage(view: SharedView, locale: string): ImageResponse {
  const text = cardText(view, locale);
  // Digits and the ellipsis of a clipped label are drawn too.
  const { fonts, keep, family } = ogFonts([text.title, text.subtitle, ...text.bars.flatMap((bar) => [bar.name, bar.value]), "ChiMed Eval#0123456789…"]);
  return new ImageResponse(shareCard(view, { locale, keep, family }), { width: 1200, height: 630, ...(fonts.length > 0 ? { fonts } : {}) });
}
