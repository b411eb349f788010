import { z } from "zod";
import { type Access, checkAccess } from "@/lib/auth/access";
import { type Caller, resolveCaller } from "@/lib/auth/caller";
import { guardRequest } from "@/lib/auth/request-guard";
import { getAppDb } from "@/lib/app-db";
import type { Db } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./error-response";
import { DEFAULT_JSON_BODY_LIMIT, readJsonBody } from "./read-body";
import { routeHooks } from "./route-hooks";

type Schema<T> = z.ZodType<T, unknown>;

export interface RouteSpec<P, Q, B> {
  /** Who may call this route; checked before anything else is read. */
  access: Access;
  /** Path segments. A value the schema refuses names nothing: 404. */
  params?: Schema<P>;
  /** Query string (each name's first value). Refused: 400. */
  query?: Schema<Q>;
  /** JSON body (content-type application/json, at most `bodyLimit` bytes), or "raw" to read the Request yourself. */
  body?: Schema<B> | "raw";
  /** Largest JSON body accepted, in bytes (default 1 MB); beyond it: 413. */
  bodyLimit?: number;
}

export interface RouteInput<P, Q, B> {
  request: Request;
  caller: Caller;
  db: Db;
  params: P;
  query: Q;
  body: B;
}

type SegmentParams = Record<string, string | string[] | undefined>;
export type RouteHandler = ((request: Request, context: { params: Promise<SegmentParams> }) => Promise<Response>) & {
  readonly access: Access;
  /** The declaration, for the tests that walk every route (matrix, fuzz). */
  readonly spec: RouteSpec<unknown, unknown, unknown>;
};

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// A global symbol, so the mark survives a bundle holding two copies of this module.
const routeMark = Symbol.for("chimed.route");

/**
 * The one door of every API route: resolves the caller, checks the declared access (and, for state-changing
 * methods, the request guard), parses params, query and body with zod, opens the app database, runs the
 * handler and funnels every error into `{ error, code }` with the right status.
 */
export function route<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response | object>,
): RouteHandler {
  const run = async (request: Request, context?: { params?: Promise<SegmentParams> }): Promise<Response> => {
    const url = new URL(request.url);
    try {
      const caller = await (routeHooks.resolveCaller ?? resolveCaller)(request);
      checkAccess(spec.access, caller);
      if (stateChanging.has(request.method)) await guardRequest(request, caller);
      const params = parseParams(spec.params, (await context?.params) ?? {});
      const query = (spec.query ? spec.query.parse(firstValues(url.searchParams)) : undefined) as Q;
      const body = (
        spec.body && spec.body !== "raw"
          ? spec.body.parse(await readJsonBody(request, spec.bodyLimit ?? DEFAULT_JSON_BODY_LIMIT))
          : undefined
      ) as B;
      const db = await openDb();
      const result = await handler({ request, caller, db, params, query, body });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error, { method: request.method, path: url.pathname });
    }
  };
  return Object.assign(run, { access: spec.access, spec: spec as RouteSpec<unknown, unknown, unknown>, [routeMark]: true });
}

/** Whether a route module's export was built with `route()` (the door test checks every route file). */
export function isRouteHandler(value: unknown): value is RouteHandler {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[routeMark] === true;
}

function parseParams<P>(schema: Schema<P> | undefined, raw: SegmentParams): P {
  if (!schema) return undefined as P;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("not found", 404, undefined, "not_found");
  return parsed.data;
}

function firstValues(search: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of search) values[name] ??= value;
  return values;
}

async function openDb(): Promise<Db> {
  try {
    return await (routeHooks.openDb ?? getAppDb)();
  } catch (error) {
    // Without its database the app can answer nothing: unavailable, whatever the cause.
    console.error(`[chimed] database unavailable: ${errorSummary(error)}`);
    throw new AppError("the database is unavailable; try again shortly", 503, undefined, "database_unavailable");
  }
}
