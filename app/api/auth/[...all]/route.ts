import { authForRequest } from "@/lib/auth/app-auth";
import { handleAuthRequest } from "@/lib/auth/auth-route";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in, sign-out, sessions, password change): the declared exception to the
// route wrapper (lib/http/route-testing.ts), behind the app's cross-site check and sign-in limits.
const handle = async (request: Request) => handleAuthRequest(request, await authForRequest(request));

export const GET = handle;
export const POST = handle;
