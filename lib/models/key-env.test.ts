import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addModel, checkConnection } from "./service";
import { isAllowedKeyEnv, unavailableKeyEnvMessage } from "./key-env";

describe("which environment variables a model may name as its key", () => {
  it.each(["OPENAI_API_KEY", "DEEPSEEK_API_KEY", "my_API_KEY"])("allows %s (ends in _API_KEY)", (name) => {
    expect(isAllowedKeyEnv(name, [])).toBe(true);
  });

  it.each(["CHIMED_SECRET_KEY", "DATABASE_URL", "PGLITE_DIR", "PGLITE_PORT", "DISABLED_SUITES", "CHIMED_API_KEY", "BETTER_AUTH_SECRET", "TEST_DATABASE_URL", "PGPASSWORD", "NODE_OPTIONS", "HOME", "PATH", "AWS_SECRET_ACCESS_KEY"])(
    "refuses %s",
    (name) => {
      expect(isAllowedKeyEnv(name, [])).toBe(false);
    },
  );

  it("an admin's allow-list adds names, but never the app's own settings", () => {
    expect(isAllowedKeyEnv("HF_TOKEN", ["HF_TOKEN"])).toBe(true);
    expect(isAllowedKeyEnv("DATABASE_URL", ["DATABASE_URL"])).toBe(false);
    expect(isAllowedKeyEnv("CHIMED_SECRET_KEY", ["CHIMED_SECRET_KEY"])).toBe(false);
  });
});

describe("naming the app's settings as a model's key sends nothing anywhere", () => {
  let server: http.Server;
  let baseUrl: string;
  let requests = 0;
  let authorizations: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests++;
      authorizations.push(String(req.headers.authorization));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: [] }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  const target = (apiKeyEnv: string) => ({ name: "probe", baseUrl, modelId: "m", apiKeyEnv, apiKeyCiphertext: null, apiKeyOrigin: null, timeoutMs: 5000 });

  it.each(["CHIMED_SECRET_KEY", "DATABASE_URL", "PATH"])("testing a connection with %s is refused with the neutral message", async (name) => {
    await expect(checkConnection(target(name))).rejects.toMatchObject({ status: 400, code: "key_env_not_allowed", message: unavailableKeyEnvMessage });
    expect(requests).toBe(0);
  });

  it("an allowed name that is not set gets the same message, and nothing is sent", async () => {
    const check = await checkConnection(target("DOOR_NOT_SET_API_KEY"));
    expect(check.ok).toBe(false);
    expect(check.error).toContain(unavailableKeyEnvMessage);
    expect(requests).toBe(0);
  });

  it("registering a model that names an app setting is refused before anything is stored", async () => {
    const db = new Proxy({}, { get: () => { throw new Error("the database must not be touched"); } });
    await expect(
      addModel(db as never, { name: "x", baseUrl, modelId: "m", apiKeyEnv: "CHIMED_SECRET_KEY", params: {}, concurrency: 1, timeoutMs: 5000 }),
    ).rejects.toMatchObject({ status: 400, code: "key_env_not_allowed" });
  });

  it("an allowed, set variable is sent as the bearer token", async () => {
    process.env.DOOR_TEST_API_KEY = "sk-door-test";
    try {
      const check = await checkConnection(target("DOOR_TEST_API_KEY"));
      expect(requests).toBeGreaterThan(0);
      expect(authorizations).toContain("Bearer sk-door-test");
      expect(JSON.stringify(check)).not.toContain("sk-door-test");
    } finally {
      delete process.env.DOOR_TEST_API_KEY;
      authorizations = [];
    }
  });
});
