import { acceptInvite } from "@/lib/auth/accounts";
import { authForRequest } from "@/lib/auth/app-auth";
import { clientIp } from "@/lib/auth/client-ip";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { route } from "@/lib/http/route";
import { acceptInviteBody } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

/** The invitee chooses a name and password; the account is created with the invite's role and signed in. */
export const POST = route({ access: "public", body: acceptInviteBody }, async ({ request, db, body }) => {
  const auth = await authForRequest(request);
  const { user, email } = await acceptInvite(auth, db, body, clientIp(request.headers));
  return signedInResponse(auth, request, { email, password: body.password }, { user: { id: user.id, email } });
});
