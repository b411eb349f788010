import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { getModel, updateModel } from "@/lib/db/queries/models";
import { addModel, checkConnection, editModel } from "./service";

vi.hoisted(() => {
  process.env.CHIMED_SECRET_KEY = "door-test-secret-key-0123456789";
});

const key = "sk-origin-canary-777";

async function listen(): Promise<{ server: http.Server; url: string; authorizations: string[] }> {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(String(req.headers.authorization));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: [] }));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, authorizations };
}

describe.each(testEngines())("a stored key stays with the origin it was entered for, on $name", (engine) => {
  let database: TestDatabase;
  let a: Awaited<ReturnType<typeof listen>>;
  let b: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    database = await engine.open();
    [a, b] = [await listen(), await listen()];
  });
  afterAll(async () => {
    await Promise.all([a, b].map(({ server }) => new Promise((done) => server.close(done))));
    await database?.dispose();
  });

  const body = (name: string, baseUrl: string) => ({ name, baseUrl, modelId: "m", apiKey: key, params: {}, concurrency: 1, timeoutMs: 5000 });

  it("moving the model to another origin without the key is refused, and the key is not sent there", async () => {
    const model = await addModel(database.db, body("bound", a.url));
    expect(model.apiKeyOrigin).toBe(new URL(a.url).origin);
    await expect(editModel(database.db, model.id, { baseUrl: b.url })).rejects.toMatchObject({ status: 409, code: "key_origin_changed" });
    expect((await getModel(database.db, { id: model.id }))?.baseUrl).toBe(a.url);
    // Another path on the same origin keeps the key.
    await expect(editModel(database.db, model.id, { baseUrl: `${a.url}/v2` })).resolves.toMatchObject({ apiKeyOrigin: new URL(a.url).origin });
  });

  it("a key whose model was moved by other means is never sent to the new origin", async () => {
    const model = await addModel(database.db, body("moved", a.url));
    const moved = await updateModel(database.db, { id: model.id, values: { baseUrl: b.url } });
    const check = await checkConnection(moved!);
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/entered for another server/);
    expect(b.authorizations).toEqual([]);
  });

  it("entering the key again moves it with the model", async () => {
    const model = await addModel(database.db, body("rekeyed", a.url));
    const edited = await editModel(database.db, model.id, { baseUrl: b.url, apiKey: "sk-new-key" });
    expect(edited.apiKeyOrigin).toBe(new URL(b.url).origin);
    await checkConnection(edited);
    expect(b.authorizations).toContain("Bearer sk-new-key");
    expect(b.authorizations.join()).not.toContain(key);
  });

  it("credentials in a base URL are refused, never stored", async () => {
    const withCredentials = a.url.replace("http://", "http://admin:pw-canary@");
    await expect(addModel(database.db, { ...body("creds", withCredentials), apiKey: undefined })).rejects.toMatchObject({ code: "credentials_in_url" });
    const model = await addModel(database.db, body("plain", a.url));
    await expect(editModel(database.db, model.id, { baseUrl: withCredentials })).rejects.toMatchObject({ code: "credentials_in_url" });
  });
});
