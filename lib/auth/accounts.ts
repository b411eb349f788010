import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit-log";
import { createInvite, getOpenInvite, markInviteUsed } from "@/lib/db/queries/invites";
import {
  anyUserExists,
  countOtherActiveAdmins,
  deleteSessionsOfUser,
  getUser,
  getUserByEmail,
  updateUserAccess,
} from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { AcceptInviteBody, FirstAccountBody, InviteBody, Role, UpdateUserBody } from "@/lib/validation/accounts";
import type { Auth } from "./auth";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** Who did it, for the audit log. */
export interface Actor {
  id: string | null;
  name: string;
  ip: string | null;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function createAccount(auth: Auth, { name, email, password, role }: { name: string; email: string; password: string; role: Role }) {
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(password);
  const user = await ctx.internalAdapter.createUser({ name, email, emailVerified: false, role, disabled: false }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  return user;
}

/** The first account of a deployment, made admin; refused once any account exists. */
export async function createFirstAdmin(auth: Auth, db: Db, body: FirstAccountBody, actor: Actor) {
  if (await anyUserExists(db)) throw new AppError("an account already exists: sign in, or ask an admin for an invite", 409);
  const user = await createAccount(auth, { name: body.name, email: body.email, password: body.password, role: "admin" });
  await recordAudit(db, { actorId: user.id, actor: body.email, action: "first_admin_created", target: `user:${user.id}`, ip: actor.ip });
  return user;
}

/** An invite link's token (returned once; only its hash is kept). */
export async function inviteUser(db: Db, body: InviteBody, actor: Actor, now = new Date()) {
  if (await getUserByEmail(db, { email: body.email })) throw new AppError("an account with this email already exists", 409);
  const token = randomBytes(24).toString("base64url");
  const invite = await createInvite(db, {
    tokenHash: hashToken(token),
    email: body.email,
    role: body.role,
    createdBy: actor.id,
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
  });
  await recordAudit(db, { actorId: actor.id, actor: actor.name, action: "user_invited", target: `email:${body.email}`, ip: actor.ip, details: { role: body.role } });
  return { token, email: invite.email, role: invite.role, expiresAt: invite.expiresAt };
}

export async function findInvite(db: Db, token: string, now = new Date()) {
  return getOpenInvite(db, { tokenHash: hashToken(token), now });
}

/** Creates the invited account; the invite works once. */
export async function acceptInvite(auth: Auth, db: Db, body: AcceptInviteBody, ip: string | null, now = new Date()) {
  const invite = await findInvite(db, body.token, now);
  if (!invite) throw new AppError("this invite link is not valid any more: ask an admin for a new one", 404);
  if (!(await markInviteUsed(db, { tokenHash: invite.tokenHash, now }))) throw new AppError("this invite link has just been used", 409);
  const user = await createAccount(auth, { name: body.name, email: invite.email, password: body.password, role: invite.role as Role });
  await recordAudit(db, { actorId: user.id, actor: invite.email, action: "invite_accepted", target: `user:${user.id}`, ip, details: { role: invite.role } });
  return { user, email: invite.email };
}

/** Role change or (en|dis)abling by an admin; a disabled user is signed out everywhere. */
export async function changeUserAccess(db: Db, id: string, change: UpdateUserBody, actor: Actor): Promise<User> {
  const before = await getUser(db, { id });
  if (!before) throw new AppError("no such user", 404);
  const losesAdmin = before.role === "admin" && !before.disabled && (change.role === "researcher" || change.disabled === true);
  if (losesAdmin && (await countOtherActiveAdmins(db, { exceptId: id })) === 0) {
    throw new AppError("the last active admin cannot be demoted or disabled", 409);
  }
  const user = await updateUserAccess(db, { id, values: change });
  if (!user) throw new AppError("no such user", 404);
  if (change.disabled) await deleteSessionsOfUser(db, { userId: id });
  await recordAudit(db, {
    actorId: actor.id,
    actor: actor.name,
    action: "user_access_changed",
    target: `user:${id}`,
    ip: actor.ip,
    details: { email: user.email, from: { role: before.role, disabled: before.disabled }, to: { role: user.role, disabled: user.disabled } },
  });
  return user;
}
