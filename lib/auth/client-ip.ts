/**
 * The address a request came from, as far as this process can tell. `next start` fills X-Forwarded-For from
 * the socket only when the request carries none, so without a reverse proxy that overwrites the header a client
 * can name any address: the per-address sign-in limit and the audit log's address are then only as good as
 * that proxy (the per-account limit does not depend on it).
 */
export function clientIp(headers: Headers | undefined | null): string | null {
  const forwarded = headers?.get("x-forwarded-for");
  if (forwarded) {
    // The nearest proxy appends the address it saw: the last entry is the one a client cannot choose behind it.
    const last = forwarded.split(",").pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  return headers?.get("x-real-ip")?.slice(0, 64) ?? null;
}
