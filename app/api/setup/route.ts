import { createFirstAdmin } from "@/lib/auth/accounts";
import { actorOf } from "@/lib/auth/actor";
import { authForRequest } from "@/lib/auth/app-auth";
import { isSetupToken } from "@/lib/auth/setup-token";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { firstAccountBody } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

/** The first account (admin): from the single user on loopback, or with the first-run link from the server log. */
export const POST = route({ access: "public", body: firstAccountBody }, async ({ request, caller, db, body }) => {
  const singleUser = "singleUser" in caller && caller.singleUser;
  if (!singleUser && !isSetupToken(body.setupToken)) {
    throw new AppError("open the first-run link printed in the server's log to create the first account", 403, undefined, "setup_token_required");
  }
  const auth = await authForRequest(request);
  const user = await createFirstAdmin(auth, db, body, actorOf(caller, request));
  return signedInResponse(auth, request, body, { user: { id: user.id, email: user.email, role: "admin" } });
});
