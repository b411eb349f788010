import { z } from "zod";

export const ROLES = ["admin", "researcher"] as const;
export type Role = (typeof ROLES)[number];

const email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "not an email address" }));
const name = z.string().trim().min(1).max(100);
// The library hashes the password; its length bounds stop a 10 MB "password" from costing a hash.
const password = z.string().min(10, { message: "at least 10 characters" }).max(128);

export const firstAccountBody = z.object({ name, email, password, setupToken: z.string().max(100).optional() });
export const inviteBody = z.object({ email, role: z.enum(ROLES) });
export const acceptInviteBody = z.object({ token: z.string().min(20).max(100), name, password });
export const updateUserBody = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "nothing to change" });
export const auditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type FirstAccountBody = z.infer<typeof firstAccountBody>;
export type InviteBody = z.infer<typeof inviteBody>;
export type AcceptInviteBody = z.infer<typeof acceptInviteBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** better-auth's user ids: short random strings. */
export const userIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
