import { inviteUser } from "@/lib/auth/accounts";
import { actorOf } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { inviteBody } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

/** An invite link for a new researcher or admin; its token is shown once, here. */
export const POST = route({ access: "admin", body: inviteBody }, async ({ request, caller, db, body }) => {
  if ("singleUser" in caller && caller.singleUser) {
    throw new AppError("create your own admin account first (Users page): once an account exists, everyone signs in", 409);
  }
  const invite = await inviteUser(db, body, actorOf(caller, request));
  return Response.json({ ...invite, path: `/invite/${invite.token}` }, { status: 201 });
});
