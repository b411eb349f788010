/**
 * Whether a URL path has a segment that is not valid percent-encoded UTF-8 (e.g. `/runs/%ff`). Next.js fails
 * such paths with a 500 while matching dynamic segments, before any handler runs, so the proxy answers first.
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The 400 for a malformed path: JSON for the API, plain text for pages. */
export function malformedPathResponse(pathname: string): Response {
  const message = "the address is not valid: it contains a malformed %-escape";
  if (pathname.startsWith("/api/")) return Response.json({ error: message, code: "bad_path" }, { status: 400 });
  return new Response(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}
