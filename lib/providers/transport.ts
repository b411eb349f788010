import { checkOutboundUrl } from "@/lib/http/outbound";
import { formatMegabytes } from "@/lib/format-bytes";
import { readBodyWithin } from "@/lib/http/limited-body";

export interface HttpInit {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Covers the whole exchange, body included. */
  timeoutMs: number;
  /** Reading stops and the request is aborted once the body exceeds this many bytes (BodyTooLargeError). */
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

export interface HttpReply {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: string;
}

/**
 * Sends one request and reads the whole body. Rejects with TransportTimeoutError after timeoutMs,
 * with the signal's reason when the caller aborts, and with the underlying error otherwise.
 */
export type Transport = (url: string, init: HttpInit) => Promise<HttpReply>;

export class TransportTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${formatMegabytes(limitBytes)}`);
    this.name = "BodyTooLargeError";
  }
}

/** Reads a fetch body, giving up (and cancelling the stream) once it passes maxBytes. */
async function readLimited(res: Response, maxBytes: number): Promise<string> {
  return Buffer.from(await readBodyWithin(res, maxBytes, () => new BodyTooLargeError(maxBytes))).toString("utf8");
}

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, { method, headers, body, timeoutMs, signal, maxBodyBytes }) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TransportTimeoutError(timeoutMs)), timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (signal?.aborted) throw signal.reason;
      await checkOutboundUrl(url);
      // A redirect is answered, not followed: its target was never checked by the outbound rule.
      const res = await fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: "manual" });
      const text = maxBodyBytes === undefined ? await res.text() : await readLimited(res, maxBodyBytes);
      return { status: res.status, statusText: res.statusText, header: (name) => res.headers.get(name), body: text };
    } catch (err) {
      const reason: unknown = controller.signal.reason;
      if (err instanceof BodyTooLargeError) controller.abort(err);
      throw reason instanceof TransportTimeoutError ? reason : err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };
}
