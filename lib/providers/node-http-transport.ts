import http from "node:http";
import https from "node:https";
import { checkOutboundHost, outboundLookup } from "@/lib/http/outbound";
import { type HttpReply, type Transport, TransportTimeoutError } from "./transport";

// Servers commonly drop idle keep-alive sockets after 5 s; retire ours first (undici does the same).
const FREE_SOCKET_TIMEOUT_MS = 4_000;
const TARGET_CACHE_LIMIT = 64;

interface Target {
  secure: boolean;
  options: http.RequestOptions;
}

/**
 * Keep-alive node:http(s) client. Node 20's fetch costs several times more CPU per request
 * (about 0.7 ms against 0.15 ms), which caps a run well below concurrency / latency.
 * Timeouts and aborts destroy the request directly: an AbortSignal per attempt costs measurably.
 */
export function createNodeHttpTransport(): Transport {
  const agents = {
    http: new http.Agent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS }),
    https: new https.Agent({ keepAlive: true, timeout: FREE_SOCKET_TIMEOUT_MS }),
  };
  const targets = new Map<string, Target>();

  function targetFor(url: string): Target {
    let target = targets.get(url);
    if (target) return target;
    const u = new URL(url);
    const secure = u.protocol === "https:";
    const options = { protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ""), port: u.port, path: `${u.pathname}${u.search}` };
    checkOutboundHost(u.hostname);
    // Sockets connect only to addresses the outbound rule checked (no redirect is ever followed here).
    target = { secure, options: { ...options, agent: secure ? agents.https : agents.http, lookup: outboundLookup } };
    if (targets.size >= TARGET_CACHE_LIMIT) targets.clear();
    targets.set(url, target);
    return target;
  }

  return (url, { method, headers, body, timeoutMs, signal }) =>
    new Promise<HttpReply>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const { secure, options } = targetFor(url);
      const sized = body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) };
      const req = (secure ? https : http).request({ ...options, method, headers: sized });
      let settled = false;
      const settle = (err: unknown, reply?: HttpReply) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe?.();
        if (reply) resolve(reply);
        else reject(err);
      };
      const fail = (err: unknown) => {
        settle(err);
        req.destroy();
      };
      const timer = setTimeout(() => fail(new TransportTimeoutError(timeoutMs)), timeoutMs);
      const unsubscribe = signal && whenAborted(signal, () => fail(signal.reason));
      req.on("error", settle);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("error", settle);
        // A socket that closes mid-body may end the response without "end" or "error".
        res.on("close", () => {
          if (!res.complete) settle(new Error("connection closed before the response was complete"));
        });
        res.on("end", () => {
          const header = (name: string) => {
            const value = res.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          };
          settle(null, { status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", header, body: text });
        });
      });
      req.end(body);
    });
}

const waiters = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `onAbort` when the signal aborts; returns the unsubscribe. A runner shares one signal between all its
 * requests, and EventTarget walks every listener on each add and remove, which at 256 in flight cost more than
 * the request itself; here each signal gets one listener and requests come and go in a Set.
 */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  let set = waiters.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    signal.addEventListener("abort", () => {
      for (const waiter of [...fresh]) waiter();
      fresh.clear();
    }, { once: true });
    waiters.set(signal, fresh);
    set = fresh;
  }
  set.add(onAbort);
  return () => set.delete(onAbort);
}

let shared: Transport | undefined;

/** One keep-alive pool per process, so providers that share an endpoint share its connections. */
export function defaultTransport(): Transport {
  shared ??= createNodeHttpTransport();
  return shared;
}
