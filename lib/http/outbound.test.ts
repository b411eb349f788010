import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import { checkOutboundHost, createOutboundLookup, refusedAddressReason } from "./outbound";

describe("the outbound rule", () => {
  it.each(["169.254.169.254", "169.254.0.1", "100.100.100.200", "fe80::1", "fd00:ec2::254", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "[fe80::1%eth0]"])(
    "refuses the link-local or metadata address %s",
    (address) => {
      expect(refusedAddressReason(address)).toMatch(/link-local or cloud-metadata/);
    },
  );

  it.each(["127.0.0.1", "::1", "10.0.0.5", "172.16.3.4", "192.168.1.2", "100.64.0.1", "8.8.8.8", "fd00::1", "gpu-box"])("allows %s", (address) => {
    expect(refusedAddressReason(address)).toBeNull();
    expect(() => checkOutboundHost(address, [])).not.toThrow();
  });

  it("refuses metadata host names and literal metadata addresses before any lookup", () => {
    expect(() => checkOutboundHost("metadata.google.internal", [])).toThrow(/outbound rule: metadata.google.internal is a cloud-metadata host/);
    expect(() => checkOutboundHost("METADATA.GOOGLE.INTERNAL.", [])).toThrow(/cloud-metadata/);
    expect(() => checkOutboundHost("[fd00:ec2::254]", [])).toThrow(/link-local/);
  });

  it("restricts to the admin's allow-list when one is set", () => {
    const allow = ["gpu.lab", "*.corp.example", "10.1.2.3"];
    expect(() => checkOutboundHost("gpu.lab", allow)).not.toThrow();
    expect(() => checkOutboundHost("a.b.corp.example", allow)).not.toThrow();
    expect(() => checkOutboundHost("10.1.2.3", allow)).not.toThrow();
    expect(() => checkOutboundHost("corp.example.evil", allow)).toThrow(/not in CHIMED_OUTBOUND_ALLOW/);
    expect(() => checkOutboundHost("127.0.0.1", allow)).toThrow(/not in CHIMED_OUTBOUND_ALLOW/);
  });

  it("checks every address a name resolves to, and connects only to a checked one", async () => {
    const resolveTo = (...addresses: string[]) =>
      createOutboundLookup((_host, _options, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))));
    const lookupOnce = (lookup: ReturnType<typeof resolveTo>, all: boolean) =>
      new Promise<unknown>((resolve, reject) => lookup("model.test", { all }, (error, address) => (error ? reject(error) : resolve(address))));
    await expect(lookupOnce(resolveTo("10.0.0.1", "169.254.169.254"), true)).rejects.toThrow(/model.test resolves to 169.254.169.254/);
    await expect(lookupOnce(resolveTo("10.0.0.1", "192.168.0.9"), true)).resolves.toEqual([
      { address: "10.0.0.1", family: 4 },
      { address: "192.168.0.9", family: 4 },
    ]);
    await expect(lookupOnce(resolveTo("10.0.0.1"), false)).resolves.toBe("10.0.0.1");
  });
});

describe("model requests under the outbound rule", () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });
  async function serve(handler: http.RequestListener): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, hits: () => hits };
  }

  it.each(["node-http", "fetch"] as const)("a metadata base URL is refused with a message naming the rule (%s)", async (transport) => {
    const provider = createOpenAICompatibleProvider({ baseUrl: "http://169.254.169.254/latest", model: "m", transport, maxRetries: 0 });
    const check = await provider.testConnection();
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/refused by the outbound rule: 169.254.169.254 is a link-local or cloud-metadata address/);
  });

  it.each(["node-http", "fetch"] as const)("a redirect to a refused address is not followed (%s)", async (transport) => {
    const target = await serve((_req, res) => {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    });
    const provider = createOpenAICompatibleProvider({ baseUrl: target.url, model: "m", transport, maxRetries: 0 });
    const check = await provider.testConnection();
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/302/);
  });

  it("what a service that is not a model server answered is not echoed", async () => {
    const target = await serve((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>internal admin console: db-password-canary</h1>");
    });
    const provider = createOpenAICompatibleProvider({ baseUrl: target.url, model: "m", maxRetries: 0 });
    const check = await provider.testConnection();
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/404/);
    expect(check.error).toMatch(/not JSON/);
    expect(JSON.stringify(check)).not.toContain("db-password-canary");
    expect(target.hits()).toBeGreaterThan(0);
  });
});
