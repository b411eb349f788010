import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { type AccountCaller, resolveAccountCaller } from "./account-caller";
import { signInPath } from "./pages";

/** The caller of the page being rendered, resolved exactly as the route wrapper resolves an API caller. */
export async function pageCaller(): Promise<AccountCaller> {
  const incoming = await headers();
  const host = incoming.get("host") ?? "localhost";
  let url = "http://localhost/";
  try {
    url = new URL(`http://${host}/`).toString();
  } catch {}
  return resolveAccountCaller(new Request(url, { headers: new Headers(incoming) }));
}

/** For pages that show protected data: anonymous visitors go to sign-in; a researcher on an admin page finds nothing (404). */
export async function requireCaller(access: "researcher" | "admin", here: string) {
  const caller = await pageCaller();
  if (caller.kind === "anonymous") redirect(signInPath(here));
  if (access === "admin" && caller.kind !== "admin") notFound();
  return caller;
}
