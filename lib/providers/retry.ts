export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * Full-jitter exponential backoff for retry number `retry` (0-based). A server's Retry-After is a floor,
 * spread by up to one base delay so that many requests told the same thing don't return in lockstep.
 */
export function retryDelay(retry: number, retryAfterMs: number | null, policy: BackoffPolicy, random: () => number): number {
  if (retryAfterMs !== null) {
    return Math.min(policy.maxDelayMs, retryAfterMs + Math.floor(random() * policy.baseDelayMs));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
