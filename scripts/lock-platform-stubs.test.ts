import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { addPlatformStubs } from "./lock-platform-stubs.mjs";

describe("package-lock.json", () => {
  it("has a stub for every optional platform package, so `npm ci` accepts it on any machine", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
    const missing: string[] = addPlatformStubs(lock);
    // A failure here means someone ran `npm install` without `node scripts/lock-platform-stubs.mjs` after it.
    expect(missing, "run `node scripts/lock-platform-stubs.mjs` and commit package-lock.json").toEqual([]);
  });

  it("the stub script adds what a lock lacks, tagged with its platform", () => {
    const lock = {
      packages: {
        "": { name: "x" },
        "node_modules/@next/swc-linux-x64-gnu": { version: "1.0.0" },
        "node_modules/next": { version: "1.0.0", optionalDependencies: { "@next/swc-darwin-arm64": "1.0.0", "@next/swc-linux-x64-gnu": "1.0.0" } },
      },
    };
    expect(addPlatformStubs(lock)).toEqual(["@next/swc-darwin-arm64"]);
    expect((lock.packages as Record<string, unknown>)["node_modules/@next/swc-darwin-arm64"]).toEqual({ version: "1.0.0", optional: true, os: ["darwin"], cpu: ["arm64"] });
  });
});
