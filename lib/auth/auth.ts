import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit-log";
import { getUser } from "@/lib/db/queries/users";
import { accounts, sessions, users, verifications } from "@/lib/db/schema";
import { clientIp } from "./client-ip";
import { admitSignIn, countSignInFailure, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from "./sign-in-limits";

export interface AuthOptions {
  db: Db;
  secret: string;
  /** Cookies marked Secure (and named __Secure-…): the request came over HTTPS. */
  secure: boolean;
  /** The public URL, when the deployment sets one (CHIMED_PUBLIC_URL); otherwise taken from each request. */
  baseURL?: string;
  /** Injected so tests move time instead of waiting for a rate-limit window to pass. */
  clock?: () => Date;
  limits?: SignInLimits;
}

const SIGN_IN = "/sign-in/email";

/** better-auth over the app's database: email and password, sessions in `sessions`, roles on `users`. */
export function buildAuth({ db, secret, secure, baseURL, clock = () => new Date(), limits = DEFAULT_SIGN_IN_LIMITS }: AuthOptions) {
  return betterAuth({
    appName: "ChiMed Eval",
    secret,
    baseURL,
    basePath: "/api/auth",
    // The origin the browser used, per the Host header (Next.js may name the server differently in request.url);
    // a page on another site cannot send a matching Origin, and handleAuthRequest has refused it already.
    trustedOrigins: async (request) => {
      const host = request?.headers.get("host");
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // Accounts are made by the first-run page and by admins' invites (lib/auth/accounts.ts), never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "researcher" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    session: { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    // Sign-in is limited per account and per address below, in the app's database, with an injectable clock.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: { useSecureCookies: secure, cookiePrefix: "chimed", defaultCookieAttributes: { sameSite: "lax", httpOnly: true } },
    logger: { level: "error" },
    databaseHooks: {
      session: {
        create: {
          // A disabled account keeps its password but gets no session.
          before: async (session) => {
            const user = await getUser(db, { id: session.userId });
            return user && !user.disabled ? undefined : false;
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const email = String(ctx.body?.email ?? "");
        const ip = clientIp(ctx.headers);
        if (await admitSignIn(db, { email, ip, now: clock(), limits })) return;
        await recordAudit(db, { actor: email.slice(0, 200), action: "sign_in_limited", ip });
        throw new APIError("TOO_MANY_REQUESTS", { message: "Too many sign-in attempts; try again later." });
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = clientIp(ctx.headers);
        const returned = ctx.context.returned;
        if (ctx.path === SIGN_IN) {
          const email = String(ctx.body?.email ?? "").slice(0, 200);
          if (isAPIError(returned)) {
            if (returned.statusCode === 429) return;
            await countSignInFailure(db, { email, now: clock(), limits });
            await recordAudit(db, { actor: email, action: "sign_in_failed", ip, details: { status: returned.statusCode } });
          } else {
            const user = ctx.context.newSession?.user;
            await recordAudit(db, { actorId: user?.id, actor: email, action: "sign_in", target: user && `user:${user.id}`, ip });
          }
          return;
        }
        const session = ctx.context.session;
        if (ctx.path === "/revoke-sessions" && session && !isAPIError(returned)) {
          await recordAudit(db, { actorId: session.user.id, actor: session.user.email, action: "sign_out_everywhere", ip });
        } else if (ctx.path === "/change-password" && session && !isAPIError(returned)) {
          await recordAudit(db, { actorId: session.user.id, actor: session.user.email, action: "password_changed", ip });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof buildAuth>;
