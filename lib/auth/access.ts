import { AppError } from "@/lib/errors";
import type { Caller, CallerKind } from "./caller";

/**
 * Who may call a route: "public" (anyone), "researcher" (researchers and admins), "admin", or an explicit
 * list of caller kinds (e.g. ["researcher", "admin", "share"]).
 */
export type Access = "public" | "researcher" | "admin" | readonly CallerKind[];

export function allowedKinds(access: Access): readonly CallerKind[] {
  if (access === "public") return ["anonymous", "researcher", "admin", "share", "rater"];
  if (access === "researcher") return ["researcher", "admin"];
  if (access === "admin") return ["admin"];
  return access;
}

/** Throws 401 for an anonymous caller and 403 for a known one that the access declaration leaves out. */
export function checkAccess(access: Access, caller: Caller): void {
  if (allowedKinds(access).includes(caller.kind)) return;
  if (caller.kind === "anonymous") throw new AppError("sign in to continue", 401, undefined, "unauthenticated");
  throw new AppError("you may not do this", 403, undefined, "forbidden");
}
