import { checkOutboundUrl } from "@/lib/http/outbound";

export interface HttpInit {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Covers the whole exchange, body included. */
  timeoutMs: number;
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

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, { method, headers, body, timeoutMs, signal }) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TransportTimeoutError(timeoutMs)), timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (signal?.aborted) throw signal.reason;
      await checkOutboundUrl(url);
      // A redirect is answered, not followed: its target was never checked by the outbound rule.
      const res = await fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: "manual" });
      const text = await res.text();
      return { status: res.status, statusText: res.statusText, header: (name) => res.headers.get(name), body: text };
    } catch (err) {
      const reason: unknown = controller.signal.reason;
      throw reason instanceof TransportTimeoutError ? reason : err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };
}
