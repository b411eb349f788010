import { expect, test } from "@playwright/test";

// Next.js fails a malformed %-escape in a dynamic segment with a 500 before any handler runs; proxy.ts
// answers 400 first (lib/http/malformed-path.ts).
test.describe("a malformed %-escape in the path", () => {
  for (const path of ["/runs/%ff", "/audits/%ff", "/suites/%ff", "/runs/%ff/items/1", "/api/runs/%ff", "/api/runs/%ff/items", "/api/audits/%ff"]) {
    test(`GET ${path} answers 400`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(400);
    });
  }

  test("POST /api/runs/%ff/cancel answers 400, and a non-UUID id 404", async ({ request }) => {
    expect((await request.post("/api/runs/%ff/cancel")).status()).toBe(400);
    const notAnId = await request.post("/api/runs/not-a-uuid/cancel");
    expect(notAnId.status()).toBe(404);
    expect((await notAnId.json()).code).toBe("not_found");
  });
});
