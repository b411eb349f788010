/** Names and addresses that reach only this machine. */
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Whether an address the server listens on is reachable from this machine only. */
export function isLoopbackBind(host: string): boolean {
  const name = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * Whether a request's Host header names this machine (localhost, 127.0.0.1 or [::1], any port). A page on
 * another site that rebinds its own name to 127.0.0.1 still sends that name: this is what refuses it.
 */
export function isLoopbackHostHeader(hostHeader: string | null): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]*\]|[^:]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim().toLowerCase());
  return !!match && LOOPBACK_NAMES.has(match[1]);
}
