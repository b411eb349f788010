import type { Caller } from "@/lib/auth/caller";
import type { Db } from "@/lib/db/client";

/**
 * Test seams of the route wrapper, set from code only (never from anything a client sends): tests inject the
 * caller and the database; production leaves both unset.
 */
export const routeHooks: {
  resolveCaller?: (request: Request) => Promise<Caller>;
  openDb?: () => Promise<Db>;
} = {};
