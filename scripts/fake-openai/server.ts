import { handleReward, rewardPaths } from "./reward";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRng } from "@/lib/scoring/random";
import type { ChatMessage } from "@/lib/suites/types";
import { type HandlerState, handleCompletion } from "./chat-handler";
import { createFaultPlan, type FaultSpec, requestKey } from "./faults";
import type { HostileSpec } from "./hostile";
import { readBody, sendError, sendJson } from "./http-utils";

export interface FakeOpenAIOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  latencyMs?: number;
  /** Adds a seeded uniform 0..jitterMs to every request's latency. */
  jitterMs?: number;
  seed?: number;
  models?: string[];
  apiKey?: string;
  faults?: FaultSpec;
  /** A given request faults at most this many times, then succeeds. */
  faultOnlyFirstAttempts?: number;
  /** Retry-After on injected 429s; null omits the header. Default 1. */
  retryAfterSeconds?: number | null;
  /** Answers no well-behaved server gives (NUL, lone surrogates, huge bodies) for a share of requests. */
  hostile?: HostileSpec;
  /** Exact answers for chosen prompts; undefined falls through to fakeAnswer. */
  oracle?: (messages: ChatMessage[]) => string | undefined;
}

export interface FakeOpenAIStats {
  requests: number;
  byKind: Record<string, number>;
  inFlight: number;
  inFlightMax: number;
  /** Responses held back by hold(), waiting for release(). */
  held: number;
  /** Distinct completion requests (model + messages) seen, and the most times any one of them was asked. */
  distinctRequests: number;
  maxCallsPerRequest: number;
}

export interface FakeOpenAI {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): FakeOpenAIStats;
  resetStats(): void;
  /**
   * Holds every response (faults included) once its latency has passed, until release(): a test can have
   * requests in flight for as long as it needs, with no timing involved. `after` lets that many more responses
   * go out first (a run makes some progress, then cannot finish before the test has acted).
   */
  hold(options?: { after?: number }): void;
  /** Sends every held response and stops holding. */
  release(): void;
  /** Resolves once `count` requests are in flight at the same time (held and hanging ones count). */
  whenInFlight(count: number): Promise<void>;
  /** How many times a completion request with these messages (and model, default the first served) was made. */
  callsFor(messages: readonly ChatMessage[], model?: string): number;
}

const DEFAULT_MODELS = ["fake-chimed"];
// Bounded memory for long benchmark runs.
const MAX_TRACKED_REQUESTS = 1_000_000;

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const seed = options.seed ?? 1;
  const latencyMs = options.latencyMs ?? 0;
  const jitterMs = options.jitterMs ?? 0;
  const models = options.models?.length ? options.models : DEFAULT_MODELS;
  const authHeader = options.apiKey === undefined ? null : `Bearer ${options.apiKey}`;
  const jitter = createRng(seed ^ 0x5bd1e995);
  const timers = new Set<NodeJS.Timeout>();
  let byKind: Record<string, number> = {};
  let requests = 0;
  let inFlight = 0;
  let inFlightMax = 0;
  let sampleIndex = 0;
  let idCounter = 0;
  let closed = false;
  // The gate: null while responses flow; otherwise how many may still pass before it holds them.
  let passing: number | null = null;
  const held: (() => void)[] = [];
  let inFlightWaiters: { count: number; resolve: () => void }[] = [];
  const wakeInFlightWaiters = () => {
    inFlightWaiters = inFlightWaiters.filter((w) => (inFlight >= w.count ? (w.resolve(), false) : true));
  };
  let calls = new Map<number, number>();
  let maxCalls = 0;

  const count = (kind: string) => {
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  };
  const state: HandlerState = {
    seed,
    models,
    enforceModels: Boolean(options.models?.length),
    retryAfterSeconds: options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds,
    oracle: options.oracle,
    plan: createFaultPlan(options.faults, seed, options.faultOnlyFirstAttempts),
    nextDelay: () => latencyMs + (jitterMs > 0 ? jitter() * jitterMs : 0),
    count,
    schedule(res: ServerResponse, delayMs: number, send: () => void) {
      const go = () => {
        if (!res.destroyed && !closed) send();
      };
      const due = () => (passing !== null && passing-- <= 0 ? held.push(go) : go());
      if (delayMs <= 0) return void due();
      const timer = setTimeout(() => {
        timers.delete(timer);
        due();
      }, delayMs);
      timers.add(timer);
    },
    countCall(key: number) {
      if (calls.size >= MAX_TRACKED_REQUESTS) calls.clear();
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      if (n > maxCalls) maxCalls = n;
    },
    hostile: options.hostile,
    nextSampleIndex: () => sampleIndex++,
    nextId: () => `chatcmpl-fake${++idCounter}`,
  };
  const onResponseClose = () => {
    inFlight--;
  };

  const server = createServer({ noDelay: true }, (req, res) => {
    requests++;
    if (++inFlight > inFlightMax) inFlightMax = inFlight;
    res.once("close", onResponseClose);
    wakeInFlightWaiters();
    if (authHeader !== null && req.headers.authorization !== authHeader) {
      count("unauthorized");
      return sendError(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    const path = req.url?.split("?", 1)[0];
    if (req.method === "GET" && path === "/v1/models") {
      count("models");
      const data = models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake-openai" }));
      return sendJson(res, 200, JSON.stringify({ object: "list", data }));
    }
    if (req.method === "POST" && path && rewardPaths.has(path)) {
      count("reward");
      return readBody(req, (raw) => (raw === null ? sendError(res, 413, "Request body too large.", "invalid_request_error") : handleReward(res, path, raw)));
    }
    const legacy = path === "/v1/completions";
    if (req.method !== "POST" || !(legacy || path === "/v1/chat/completions")) {
      count("not_found");
      return sendError(res, 404, `Unknown route ${req.method} ${path}`, "invalid_request_error");
    }
    readBody(req, (raw) => {
      if (raw === null) {
        count("bad_request");
        return sendError(res, 413, "Request body too large.", "invalid_request_error");
      }
      handleCompletion(state, req, res, raw, legacy);
    });
  });
  // Longer than undici's default idle timeout so the client, not the server, retires idle sockets.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // Also ends keep-alive sockets and requests deliberately left hanging.
        server.closeAllConnections();
      }),
    stats: () => ({
      requests,
      byKind: { ...byKind },
      inFlight,
      inFlightMax,
      held: held.length,
      distinctRequests: calls.size,
      maxCallsPerRequest: maxCalls,
    }),
    resetStats() {
      requests = 0;
      byKind = {};
      inFlightMax = inFlight;
      calls = new Map();
      maxCalls = 0;
    },
    hold({ after = 0 } = {}) {
      passing = after;
    },
    release() {
      passing = null;
      for (const go of held.splice(0)) go();
    },
    whenInFlight(count) {
      return new Promise<void>((resolve) => {
        inFlightWaiters.push({ count, resolve });
        wakeInFlightWaiters();
      });
    },
    callsFor: (messages, model = models[0]) => calls.get(requestKey(model, messages)) ?? 0,
  };
}
