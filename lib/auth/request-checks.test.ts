import { describe, expect, it } from "vitest";
import { isLoopbackBind, isLoopbackHostHeader } from "./loopback";
import { crossSiteReason } from "./origin";
import { safeNext } from "./pages";
import { guardRequest } from "./request-guard";
import { baseSecurityHeaders, contentSecurityPolicy, isInferencePath, isTokenPath } from "./security-headers";

// The guard as the wrapper calls it for the single user (the caller whose Host must be loopback).
const requestGuardFor = (request: Request) => guardRequest(request, { kind: "admin", userId: null, singleUser: true });

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/models", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

describe("cross-site requests", () => {
  it("refuses another site's POST, including a no-cors text/plain one", () => {
    expect(crossSiteReason(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossSiteReason(post({ origin: "https://evil.example" }))).toMatch(/another origin/);
    expect(crossSiteReason(post({ "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteReason(post({ origin: "null" }))).not.toBeNull();
  });

  it("lets the app's own pages and non-browser clients through", () => {
    expect(crossSiteReason(post({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteReason(post({}))).toBeNull();
    expect(crossSiteReason(post({ origin: "https://eval.example.org" }), "https://eval.example.org/")).toBeNull();
  });
});

describe("loopback names", () => {
  it("knows which bind addresses reach this machine only", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.1.1"]) expect(isLoopbackBind(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "gpu-box"]) expect(isLoopbackBind(host), host).toBe(false);
  });

  it("accepts only loopback Host headers (DNS rebinding sends the attacker's name)", () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST"]) {
      expect(isLoopbackHostHeader(host), host).toBe(true);
    }
    for (const host of ["evil.example", "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io", "", null]) {
      expect(isLoopbackHostHeader(host), String(host)).toBe(false);
    }
  });
});

describe("the request guard of state-changing routes", () => {
  it("refuses a cross-site request and the single user on a foreign Host", async () => {
    await expect(requestGuardFor(post({ origin: "https://evil.example" }))).rejects.toMatchObject({ status: 403, code: "cross_site" });
    await expect(
      requestGuardFor(new Request("http://evil.example/api/models", { method: "POST", headers: { host: "evil.example" } })),
    ).rejects.toMatchObject({ status: 421 });
    await expect(requestGuardFor(post({ origin: "http://127.0.0.1:3000" }))).resolves.toBeUndefined();
  });
});

describe("security headers", () => {
  it("allows scripts only from the app and with the response's nonce, and no framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("isolates only the pages that run a model, and lets only them compile WASM and start workers", () => {
    expect(isInferencePath("/runs/0b6f3c1e-0000-4000-8000-000000000000/browser")).toBe(true);
    expect(isInferencePath("/device")).toBe(true);
    expect(isInferencePath("/runs/0b6f3c1e-0000-4000-8000-000000000000")).toBe(false);
    expect(baseSecurityHeaders("/device")).toMatchObject({ "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "credentialless" });
    expect(baseSecurityHeaders("/runs")).not.toHaveProperty("Cross-Origin-Embedder-Policy");
    const csp = contentSecurityPolicy("abc123", { inference: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(contentSecurityPolicy("abc123")).not.toContain("wasm-unsafe-eval");
  });

  it("sends no Referer from token pages", () => {
    for (const path of ["/s/abc", "/rate/abc", "/invite/abc", "/setup"]) {
      expect(isTokenPath(path), path).toBe(true);
      expect(baseSecurityHeaders(path)["Referrer-Policy"]).toBe("no-referrer");
    }
    expect(isTokenPath("/suites")).toBe(false);
    expect(baseSecurityHeaders("/runs")).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
  });
});

describe("sign-in's return address", () => {
  it("stays on this site", () => {
    expect(safeNext("/runs?x=1")).toBe("/runs?x=1");
    for (const next of ["//evil.example", "https://evil.example", "/\\evil.example", "", null]) expect(safeNext(next)).toBe("/");
  });
});
