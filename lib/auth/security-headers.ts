/** Pages reached through a secret token in the URL (share, rater, invite and first-run links): no Referer may carry it away. */
export function isTokenPath(pathname: string): boolean {
  return /^\/(s|rate|invite|setup)(\/|$)/.test(pathname);
}

/**
 * The page's Content-Security-Policy: scripts only from this origin and those carrying this response's nonce
 * (Next.js puts it on its own inline scripts); no framing. Styles allow inline attributes (charts set them).
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries (next.config.mjs sets the same ones on static files). */
export function baseSecurityHeaders(pathname: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": isTokenPath(pathname) ? "no-referrer" : "same-origin",
  };
}
