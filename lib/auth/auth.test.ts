import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/db/queries/audit-log";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { acceptInvite, changeUserAccess, createFirstAdmin, inviteUser } from "./accounts";
import { type Auth, buildAuth } from "./auth";
import { handleAuthRequest } from "./auth-route";
import { DEFAULT_SIGN_IN_LIMITS } from "./sign-in-limits";

const ORIGIN = "http://127.0.0.1:3000";
const ADMIN = { name: "Ada Admin", email: "ada@example.org", password: "correct horse battery" };
const nobody = { id: null, name: "test", ip: null };

function signIn(auth: Auth, email: string, password: string, { ip = "10.0.0.1", origin = ORIGIN } = {}) {
  return handleAuthRequest(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
    auth,
  );
}

const cookieOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

describe.each(testEngines())("accounts with better-auth on $name", (engine) => {
  let database: TestDatabase;
  let auth: Auth;
  let now = new Date("2026-11-30T09:00:00Z");

  beforeAll(async () => {
    database = await engine.open();
    auth = buildAuth({ db: database.db, secret: "a-test-secret-that-is-long-enough-123", secure: false, clock: () => now });
    await createFirstAdmin(auth, database.db, ADMIN, nobody);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("makes the first account admin and refuses a second first account", async () => {
    await expect(createFirstAdmin(auth, database.db, { ...ADMIN, email: "eve@example.org" }, nobody)).rejects.toMatchObject({ status: 409 });
  });

  it("signs in with an httpOnly, SameSite=Lax session cookie kept in the database", async () => {
    const response = await signIn(auth, ADMIN.email, ADMIN.password);
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^chimed\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(response) }) });
    expect(session?.user).toMatchObject({ email: ADMIN.email, role: "admin", disabled: false });
  });

  it("marks the cookie Secure when served over HTTPS", async () => {
    const secure = buildAuth({ db: database.db, secret: "a-test-secret-that-is-long-enough-123", secure: true });
    const response = await signIn(secure, ADMIN.email, ADMIN.password);
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Secure-chimed\.session_token=.*; Secure/i);
  });

  it("lets a signed-in browser sign in again from the app's own origin, which better-auth checks against Host", async () => {
    const first = await signIn(auth, ADMIN.email, ADMIN.password);
    const again = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, host: "127.0.0.1:3000", cookie: cookieOf(first) },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      }),
    );
    expect(again.status).toBe(200);
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await signIn(auth, ADMIN.email, ADMIN.password, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("limits 100 wrong passwords and lets the owner in once the window has passed", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await signIn(auth, ADMIN.email, `wrong password ${i}`, { ip: `10.1.0.${i}` })).status);
    expect(statuses.slice(0, DEFAULT_SIGN_IN_LIMITS.failuresPerAccount).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(DEFAULT_SIGN_IN_LIMITS.failuresPerAccount).every((s) => s === 429)).toBe(true);
    // Even the right password waits for the window: a guesser cannot tell it found the password.
    expect((await signIn(auth, ADMIN.email, ADMIN.password)).status).toBe(429);
    now = new Date(now.getTime() + DEFAULT_SIGN_IN_LIMITS.windowMs + 1000);
    expect((await signIn(auth, ADMIN.email, ADMIN.password)).status).toBe(200);
    const failures = await listAudit(database.db, { action: "sign_in_failed", limit: 500 });
    expect(failures).toHaveLength(DEFAULT_SIGN_IN_LIMITS.failuresPerAccount);
    expect(failures[0]).toMatchObject({ actor: ADMIN.email, ip: "10.1.0.9" });
  });

  it("limits attempts per address across accounts", async () => {
    const limits = { windowMs: 60_000, failuresPerAccount: 10, attemptsPerAddress: 4 };
    const strict = buildAuth({ db: database.db, secret: "a-test-secret-that-is-long-enough-123", secure: false, clock: () => now, limits });
    const statuses: number[] = [];
    for (let i = 0; i <= limits.attemptsPerAddress; i++) {
      statuses.push((await signIn(strict, `nobody${i}@example.org`, "some password", { ip: "10.9.9.9" })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await signIn(strict, ADMIN.email, ADMIN.password, { ip: "10.9.9.9" })).status).toBe(429);
    expect((await signIn(strict, ADMIN.email, ADMIN.password, { ip: "10.9.9.10" })).status).toBe(200);
  });

  it("invites a researcher once, and a disabled account can no longer sign in", async () => {
    const invite = await inviteUser(database.db, { email: "rita@example.org", role: "researcher" }, nobody, now);
    const { user } = await acceptInvite(auth, database.db, { token: invite.token, name: "Rita", password: "rita's long password" }, null, now);
    await expect(
      acceptInvite(auth, database.db, { token: invite.token, name: "Rita 2", password: "another long password" }, null, now),
    ).rejects.toMatchObject({ status: 404 });
    const signedIn = await signIn(auth, "rita@example.org", "rita's long password");
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user).toMatchObject({ role: "researcher" });

    await changeUserAccess(database.db, user.id, { disabled: true }, nobody);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect((await signIn(auth, "rita@example.org", "rita's long password")).status).not.toBe(200);
  });

  it("keeps the last admin an admin", async () => {
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(await signIn(auth, ADMIN.email, ADMIN.password)) }) });
    await expect(changeUserAccess(database.db, session!.user.id, { role: "researcher" }, nobody)).rejects.toMatchObject({ status: 409 });
  });
});
