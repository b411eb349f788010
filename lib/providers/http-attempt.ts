import { parseRetryAfter } from "./retry";
import { type HttpInit, type HttpReply, type Transport, TransportTimeoutError } from "./transport";
import type { ProviderErrorKind } from "./types";

export interface AttemptFailure {
  kind: ProviderErrorKind;
  retryable: boolean;
  status?: number;
  /** What went wrong, e.g. "server answered 500 Internal Server Error". */
  summary: string;
  /** Evidence appended after the attempt count, e.g. the start of the body. */
  detail?: string;
  retryAfterMs: number | null;
}

export type Attempt =
  | { ok: true; status: number; body: unknown; latencyMs: number }
  | { ok: false; failure: AttemptFailure };

const PREVIEW_CHARS = 200;

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

/**
 * What of a failed answer's body may be shown: a JSON body (a model server's error), never anything else, so
 * pointing a model at another kind of service (a database port, an admin page) does not echo what it said.
 */
export function bodyEvidence(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return text.trim() ? `a body that is not JSON (${Buffer.byteLength(text)} bytes, not shown)` : undefined;
  }
  return preview(text) || undefined;
}

export function failure(kind: ProviderErrorKind, retryable: boolean, summary: string, extra?: Partial<AttemptFailure>): AttemptFailure {
  return { kind, retryable, summary, retryAfterMs: null, ...extra };
}

function statusFailure(res: HttpReply, text: string): AttemptFailure {
  const { status } = res;
  const line = `server answered ${status}${res.statusText ? ` ${res.statusText}` : ""}`;
  const detail = bodyEvidence(text);
  if (status === 401 || status === 403) return failure("auth", false, `${line} (check the API key)`, { status, detail });
  if (status === 408) return failure("timeout", true, line, { status, detail });
  if (status !== 429 && status < 500) return failure("bad_request", false, line, { status, detail });
  let retryAfterMs: number | null = null;
  if (status === 429 || status === 503) {
    const ms = res.header("retry-after-ms");
    retryAfterMs = ms && /^\d+(\.\d+)?$/.test(ms) ? Number(ms) : parseRetryAfter(res.header("retry-after"));
  }
  return failure(status === 429 ? "rate_limit" : "server_error", true, line, { status, detail, retryAfterMs });
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: unknown } | null)?.cause;
  const source = cause instanceof Error ? cause : err instanceof Error ? err : null;
  const code = (source as { code?: unknown } | null)?.code;
  const message = source?.message ?? "";
  if (typeof code === "string" && !message.includes(code)) return message ? `${code} ${message}` : code;
  return message || String(err);
}

/** One HTTP exchange; failures come back as values. Only a caller's abort throws (its reason). */
export async function sendOnce(
  transport: Transport,
  url: string,
  init: Omit<HttpInit, "timeoutMs" | "signal">,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Attempt> {
  const started = performance.now();
  const where = url.split("?", 1)[0].replace(/\/\/[^/@]*@/, "//");
  let res: HttpReply;
  try {
    res = await transport(url, { ...init, timeoutMs, signal });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    if (err instanceof TransportTimeoutError) {
      return { ok: false, failure: failure("timeout", true, `no complete answer from ${where} within ${timeoutMs} ms`) };
    }
    return { ok: false, failure: failure("network", true, `connection to ${where} failed`, { detail: describeNetworkError(err) }) };
  }
  if (res.status < 200 || res.status > 299) return { ok: false, failure: statusFailure(res, res.body) };
  try {
    return { ok: true, status: res.status, body: JSON.parse(res.body), latencyMs: performance.now() - started };
  } catch {
    const summary = `server answered ${res.status} with a body that is not JSON`;
    return { ok: false, failure: failure("malformed", true, summary, { status: res.status, detail: bodyEvidence(res.body) }) };
  }
}
