/** Pages anyone may open: signing in, the first-run and invite pages, and token pages (their token is the key). */
export function isPublicPage(pathname: string): boolean {
  return /^\/(sign-in|setup|invite|s|rate)(\/|$)/.test(pathname);
}

/** Where a refused page sends its visitor, remembering where they wanted to go (same-site paths only). */
export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNext(next))}`;
}

export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
