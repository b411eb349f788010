/**
 * Why a state-changing request must be refused as cross-site, or null when it may go on. Browsers send
 * `Sec-Fetch-Site` and `Origin` with every cross-origin POST (a `no-cors` text/plain one included), so a request
 * from another site is recognised whatever its content type; a client without them (curl, scripts) is no
 * browser and carries no one else's session.
 */
export function crossSiteReason(request: Request, publicUrl?: string): string | null {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `a ${site} request may not change anything here`;
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  if (ownOrigins(request, publicUrl).has(origin.toLowerCase())) return null;
  return "a request from another origin may not change anything here";
}

function ownOrigins(request: Request, publicUrl?: string): Set<string> {
  const origins = new Set<string>();
  const host = request.headers.get("host") ?? new URL(request.url).host;
  origins.add(`http://${host}`.toLowerCase());
  origins.add(`https://${host}`.toLowerCase());
  if (publicUrl) origins.add(new URL(publicUrl).origin.toLowerCase());
  return origins;
}
