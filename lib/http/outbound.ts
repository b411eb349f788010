import dns, { type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { commaList, env } from "@/lib/env";

/**
 * The outbound rule for requests the server makes on a user's behalf (model servers): link-local and
 * cloud-metadata addresses are refused, checked after DNS resolution on every address a name resolves to;
 * loopback and private networks stay allowed (GPU servers usually sit there). With CHIMED_OUTBOUND_ALLOW set,
 * only the hosts it lists may be reached.
 */
export class OutboundRefusedError extends Error {
  readonly code = "outbound_refused";
  constructor(message: string) {
    super(`refused by the outbound rule: ${message}`);
    this.name = "OutboundRefusedError";
  }
}

const refusedRanges = new BlockList();
refusedRanges.addSubnet("169.254.0.0", 16, "ipv4"); // IPv4 link-local, including 169.254.169.254 (AWS, GCP, Azure, OCI)
refusedRanges.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
refusedRanges.addSubnet("fe80::", 10, "ipv6"); // IPv6 link-local
refusedRanges.addAddress("fd00:ec2::254", "ipv6"); // AWS metadata over IPv6

const metadataNames = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal"]);

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d, also written ::ffff:xxxx:yyyy). */
function mappedIpv4(address: string): string | null {
  const match = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/i.exec(address);
  if (!match) return null;
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** Why an IP address may not be contacted, or null when it may. */
export function refusedAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return null;
  const v4 = family === 6 ? mappedIpv4(bare) : bare;
  const refused = v4 ? refusedRanges.check(v4, "ipv4") : refusedRanges.check(bare, "ipv6");
  return refused ? `${bare} is a link-local or cloud-metadata address` : null;
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase().replace(/^\[|\]$/g, "");
  return p.startsWith("*.") ? host.endsWith(p.slice(1)) : host === p;
}

/** Checks what can be known from the URL alone: the allow-list, metadata host names, literal addresses. */
export function checkOutboundHost(hostname: string, allowHosts: readonly string[] = commaList(env.CHIMED_OUTBOUND_ALLOW)): void {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (allowHosts.length > 0 && !allowHosts.some((pattern) => hostMatches(host, pattern))) {
    throw new OutboundRefusedError(`${host} is not in CHIMED_OUTBOUND_ALLOW`);
  }
  if (metadataNames.has(host)) throw new OutboundRefusedError(`${host} is a cloud-metadata host`);
  const reason = refusedAddressReason(host);
  if (reason) throw new OutboundRefusedError(reason);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolver = (hostname: string, options: dns.LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for node:net/http: resolves the name, refuses when any address is refused, and hands the checked
 * addresses to the socket, so the connection goes to an address that was checked (no second resolution).
 */
export function createOutboundLookup(resolve: Resolver = dns.lookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const refused = addresses.map((a) => refusedAddressReason(a.address)).find(Boolean);
      if (refused) return callback(Object.assign(new OutboundRefusedError(`${hostname} resolves to ${refused.replace(/ is .*/, "")}, a link-local or cloud-metadata address`), { errno: undefined }), "");
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" }), "");
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export const outboundLookup = createOutboundLookup();

/** The whole rule for one URL, DNS included (for clients that cannot take a lookup function, e.g. fetch). */
export async function checkOutboundUrl(url: string, resolve: Resolver = dns.lookup): Promise<void> {
  const { hostname } = new URL(url);
  checkOutboundHost(hostname);
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return;
  await new Promise<void>((done, fail) =>
    createOutboundLookup(resolve)(host, { all: true }, (error) => (error ? fail(error) : done())),
  );
}
