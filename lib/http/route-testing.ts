import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isRouteHandler, type RouteHandler } from "./route";

export const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Route files that may export handlers not built with `route()`, and why. better-auth's catch-all serves
 * sign-in itself, with its own CSRF protection and rate limits.
 */
export const unwrappedRouteExceptions: Record<string, string> = {
  "app/api/auth/[...all]/route.ts": "better-auth's own handler (sign-in, sign-out, sessions)",
};

export interface RouteModule {
  /** Path of the file from the repository root, e.g. "app/api/runs/[id]/route.ts". */
  file: string;
  /** URL pattern, e.g. "/api/runs/[id]". */
  pattern: string;
  exports: Record<string, unknown>;
}

/** Every route.ts under a folder (by default the app's API), found on disk so new routes are covered. */
export function findRouteFiles(root = "app/api"): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" || entry.name === "route.tsx") files.push(full.split(path.sep).join("/"));
    }
  };
  walk(root);
  return files.sort();
}

export async function loadRouteModule(file: string): Promise<RouteModule> {
  const exports = (await import(/* @vite-ignore */ pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>;
  const pattern = `/${path.posix.dirname(file).replace(/^app\//, "")}`;
  return { file, pattern, exports };
}

/** The HTTP methods a route module exports that were not built with the route wrapper. */
export function unwrappedMethods(exports: Record<string, unknown>): string[] {
  return httpMethods.filter((method) => method in exports && !isRouteHandler(exports[method]));
}

/** The wrapped handlers of a route module, by method. */
export function routeHandlers(module: RouteModule): [string, RouteHandler][] {
  return httpMethods.flatMap((method) => {
    const handler = module.exports[method];
    return isRouteHandler(handler) ? [[method, handler] as [string, RouteHandler]] : [];
  });
}

/** Names of the dynamic segments of a pattern, with the static segment before each ("runs/[id]" → id after runs). */
export function dynamicSegments(pattern: string): { name: string; after: string }[] {
  const parts = pattern.split("/").filter(Boolean);
  return parts.flatMap((part, i) => {
    const match = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(part);
    return match ? [{ name: match[1], after: parts[i - 1] ?? "" }] : [];
  });
}

/** Calls a wrapped handler as Next.js does: a Request, and the segment values as a promise. */
export function callRoute(
  handler: RouteHandler,
  {
    method,
    pattern,
    params,
    query = "",
    body,
    headers = {},
  }: {
    method: string;
    pattern: string;
    params: Record<string, string>;
    query?: string;
    body?: BodyInit | null;
    headers?: Record<string, string>;
  },
): Promise<Response> {
  const pathname = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => urlSegment(params[name]));
  const request = new Request(`http://127.0.0.1${pathname}${query}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : body,
  });
  return handler(request, { params: Promise.resolve(params) });
}

// The URL only labels the request (handlers read the segment values given beside it); a lone surrogate,
// which encodeURIComponent refuses, is written as U+FFFD there.
function urlSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%EF%BF%BD";
  }
}
