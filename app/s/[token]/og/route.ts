import { shareCardImage } from "@/components/share/share-card";
import { requestLocale } from "@/lib/compare/request-locale";
import { getAppDb } from "@/lib/app-db";
import { resolveShareToken } from "@/lib/share/links";
import { projectShare } from "@/lib/share/projection";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The link preview of a share: its headline bars as a PNG, drawn on the server with fonts read from disk, no network. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getAppDb();
  const share = await resolveShareToken(db, token);
  const view = share ? await projectShare(db, share) : null;
  if (!view) return notFound();
  const image = shareCardImage(view, requestLocale(request));
  image.headers.set("cache-control", "private, no-store");
  if (!share?.public) image.headers.set("x-robots-tag", "noindex");
  return image;
}
