/** Pages reached through a secret token in the URL (share, rater, invite and first-run links): no Referer may carry it away. */
export function isTokenPath(pathname: string): boolean {
  return /^\/(s|rate|invite|setup)(\/|$)/.test(pathname);
}

/**
 * Pages that run a model in the browser (a browser model's run page, this device's page): they are cross-origin
 * isolated, so onnxruntime-web gets WASM threads, and may compile WASM and start workers.
 */
export function isInferencePath(pathname: string): boolean {
  return /^\/(runs\/[^/]+\/browser|device)\/?$/.test(pathname);
}

/**
 * The page's Content-Security-Policy: scripts only from this origin and those carrying this response's nonce
 * (Next.js puts it on its own inline scripts); no framing. Styles allow inline attributes (charts set them).
 */
export function contentSecurityPolicy(nonce: string, { dev = false, inference = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}${inference ? " 'wasm-unsafe-eval'" : ""}`,
    // onnxruntime-web's threads start as blob: workers; its .wasm and the inference worker come from this origin.
    ...(inference ? ["worker-src 'self' blob:"] : []),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // A browser model's files may come from the URL its user typed (any https origin, or a server on loopback).
    inference ? "connect-src 'self' https: http://127.0.0.1:* http://localhost:*" : "connect-src 'self'",
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
    ...(isInferencePath(pathname)
      ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "credentialless" }
      : {}),
  };
}
