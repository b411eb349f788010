import { describe, expect, it } from "vitest";
import { isMalformedPath, malformedPathResponse } from "./malformed-path";

describe("paths with a malformed %-escape", () => {
  it.each(["/runs/%ff", "/audits/%ff", "/api/runs/%ff/items", "/api/runs/%E4%B8/cancel", "/suites/%"])("%s is malformed", (path) => {
    expect(isMalformedPath(path)).toBe(true);
  });

  it.each(["/runs/abc", "/suites/%E5%86%85%E7%A7%91", "/api/runs/x%20y", "/"])("%s is fine", (path) => {
    expect(isMalformedPath(path)).toBe(false);
  });

  it("answers 400: JSON with a code for the API, text for pages", async () => {
    const api = malformedPathResponse("/api/runs/%ff");
    expect(api.status).toBe(400);
    expect((await api.json()).code).toBe("bad_path");
    const page = malformedPathResponse("/runs/%ff");
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/malformed/);
  });
});
