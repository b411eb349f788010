import { changeUserAccess } from "@/lib/auth/accounts";
import { actorOf } from "@/lib/auth/actor";
import { route } from "@/lib/http/route";
import { updateUserBody, userIdParams } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

/** Role change, disabling (which signs the user out everywhere) or enabling. */
export const PATCH = route(
  { access: "admin", params: userIdParams, body: updateUserBody },
  async ({ request, caller, db, params, body }) => {
    const { id, name, email, role, disabled } = await changeUserAccess(db, params.id, body, actorOf(caller, request));
    return { user: { id, name, email, role, disabled } };
  },
);
