export const callerKinds = ["anonymous", "researcher", "admin", "share", "rater"] as const;
export type CallerKind = (typeof callerKinds)[number];
export type TokenKind = "share" | "rater";

/** Who is calling: resolved once per request by the route wrapper (and by pages showing protected data). */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "researcher" | "admin"; userId: string | null; singleUser: boolean }
  | { kind: TokenKind; token: string; scope?: Record<string, unknown> };

/** Reads a share or rater token from a request; null when the request carries none (or an invalid one). */
export type TokenResolver = (request: Request) => Promise<Caller | null>;

const tokenResolvers = new Map<TokenKind, TokenResolver>();

/** Later features (share links, rater links) add how their tokens are recognised. */
export function registerTokenResolver(kind: TokenKind, resolve: TokenResolver): void {
  tokenResolvers.set(kind, resolve);
}

async function resolveToken(request: Request): Promise<Caller | null> {
  for (const resolve of tokenResolvers.values()) {
    const caller = await resolve(request);
    if (caller) return caller;
  }
  return null;
}

/**
 * Placeholder until accounts exist: every caller is trusted as the single user (today's behaviour).
 * The accounts work replaces this body with sessions and single-user mode detection.
 */
export async function resolveCaller(request: Request): Promise<Caller> {
  return (await resolveToken(request)) ?? { kind: "admin", userId: null, singleUser: true };
}
