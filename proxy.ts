import { type NextRequest, NextResponse } from "next/server";
import { isMalformedPath, malformedPathResponse } from "@/lib/http/malformed-path";

/** In front of every page and API route. */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isMalformedPath(pathname)) return malformedPathResponse(pathname);
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
