import { describe, expect, it } from "vitest";
import { findRouteFiles, loadRouteModule, unwrappedMethods, unwrappedRouteExceptions } from "./route-testing";

describe("every API route is built with the route wrapper", () => {
  const files = findRouteFiles("app/api");

  it("finds the route files on disk", () => {
    expect(files).toContain("app/api/health/route.ts");
    expect(files).toContain("app/api/runs/[id]/[action]/route.ts");
  });

  it.each(files.filter((file) => !(file in unwrappedRouteExceptions)))("%s exports only wrapped handlers", async (file) => {
    const module = await loadRouteModule(file);
    expect(unwrappedMethods(module.exports)).toEqual([]);
    expect(Object.keys(module.exports).some((name) => /^[A-Z]+$/.test(name))).toBe(true);
  });

  it("flags a handler exported without the wrapper", async () => {
    const [file] = findRouteFiles("lib/http/__fixtures__/unwrapped-route");
    const module = await loadRouteModule(file);
    expect(unwrappedMethods(module.exports)).toEqual(["POST"]);
  });
});
