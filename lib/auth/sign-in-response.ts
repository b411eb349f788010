import type { Auth } from "./auth";

/** Signs a just-created account in: the library sets its session cookie on the JSON answer given here. */
export async function signedInResponse(
  auth: Auth,
  request: Request,
  { email, password }: { email: string; password: string },
  body: object,
): Promise<Response> {
  const { headers } = await auth.api.signInEmail({ body: { email, password }, headers: request.headers, returnHeaders: true });
  const response = Response.json(body, { status: 201 });
  for (const cookie of headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}
