import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secrets";

describe("sealed secrets", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = sealSecret("sk-test-123456", "server-key");
    expect(sealed).not.toContain("sk-test");
    expect(openSecret(sealed, "server-key")).toBe("sk-test-123456");
  });
  it("uses a fresh nonce each time", () => {
    expect(sealSecret("same", "k")).not.toBe(sealSecret("same", "k"));
  });
  it("rejects a wrong server key or a tampered value", () => {
    const sealed = sealSecret("sk-test", "server-key");
    expect(() => openSecret(sealed, "other-key")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret(parts.join("."), "server-key")).toThrow();
  });
});
