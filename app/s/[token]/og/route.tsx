import { ImageResponse } from "next/og";
import { formatMetric } from "@/components/runs/format";
import { getAppDb } from "@/lib/app-db";
import { asciiLabel } from "@/lib/share/ascii";
import { headlineBars } from "@/lib/share/bars";
import { resolveShareToken } from "@/lib/share/links";
import { projectShare } from "@/lib/share/projection";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The link preview of a share: its headline bars as a PNG, drawn on the server with the bundled font, no network. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getAppDb();
  const share = await resolveShareToken(db, token);
  const view = share ? await projectShare(db, share) : null;
  if (!view) return notFound();
  const { bars } = headlineBars(view.metrics, view.settings.taskKind, 6);
  const title = asciiLabel(`${view.settings.model} - ${view.settings.suiteId}`) || view.settings.suiteId;
  const image = new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", padding: 56, fontSize: 28, color: "#1b2733" }}>
        <div style={{ display: "flex", fontSize: 44, fontWeight: 700 }}>{title}</div>
        <div style={{ display: "flex", fontSize: 24, color: "#5b6b7b", marginTop: 8 }}>
          {asciiLabel(`ChiMed Eval - suite version ${view.settings.suiteVersion.slice(0, 12)} - ${view.settings.date.slice(0, 10)}`, 90)}
        </div>
        <div style={{ display: "flex", flexDirection: "column", marginTop: 36 }}>
          {bars.map((bar) => (
            <div key={bar.name} style={{ display: "flex", alignItems: "center", height: 64 }}>
              <div style={{ display: "flex", width: 220 }}>{asciiLabel(bar.name, 16)}</div>
              <div style={{ display: "flex", position: "relative", width: 700, height: 36, background: "#eef2f6" }}>
                <div style={{ position: "absolute", left: bar.from * 700, width: Math.max(2, (bar.to - bar.from) * 700), height: 36, background: "#2f6fb1" }} />
                {bar.ci && <div style={{ position: "absolute", left: bar.ci[0] * 700, width: Math.max(2, (bar.ci[1] - bar.ci[0]) * 700), top: 16, height: 4, background: "#111" }} />}
              </div>
              <div style={{ display: "flex", marginLeft: 20 }}>{formatMetric(bar.value, view.settings.taskKind)}</div>
            </div>
          ))}
        </div>
      </div>
    ),
    { width: 1200, height: 630 },
  );
  image.headers.set("cache-control", "private, no-store");
  if (!share?.public) image.headers.set("x-robots-tag", "noindex");
  return image;
}
