import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createModel, getModel } from "@/lib/db/queries/models";
import { models } from "@/lib/db/schema";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { findOrCreateCliModel } from "./cli-model";

/**
 * A database whose next model insert loses a race: `competitor` is inserted first through the real database, as
 * another process registering the same model would, and then the insert itself runs (and fails on the name).
 */
function losingRace(db: Db, competitor: typeof models.$inferInsert): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "insert") return Reflect.get(target, prop, receiver);
      return (table: typeof models) => ({
        values: (values: typeof models.$inferInsert) => ({
          returning: async () => {
            await target.insert(models).values(competitor);
            return target.insert(table).values(values).returning();
          },
        }),
      });
    },
  });
}

describe.each(testEngines())("models named on the command line, on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("finds a registered baseline by its strategy, and says the database is not seeded for an unknown one", async () => {
    const { db } = database;
    const majority = await createModel(db, { name: "多数基线", provider: "baseline", modelId: "majority-cli" });
    expect((await findOrCreateCliModel(db, { kind: "baseline", strategy: "majority-cli" })).id).toBe(majority.id);
    await expect(findOrCreateCliModel(db, { kind: "baseline", strategy: "coin-cli" })).rejects.toThrow(
      'baseline "coin-cli" is not registered; is the database seeded?',
    );
  });

  it("registers an OpenAI-compatible model once as '<model id> @ <host>', storing only the key's variable name", async () => {
    const { db } = database;
    const target = { kind: "openai" as const, baseUrl: "http://127.0.0.1:9101/v1", modelId: "qwen-a" };
    const first = await findOrCreateCliModel(db, target);
    expect(first).toMatchObject({
      name: "qwen-a @ 127.0.0.1:9101",
      provider: "openai",
      baseUrl: "http://127.0.0.1:9101/v1",
      modelId: "qwen-a",
      apiKeyEnv: null,
    });
    expect((await findOrCreateCliModel(db, target)).id).toBe(first.id);
    // The same server written with a trailing slash is the same model.
    expect((await findOrCreateCliModel(db, { ...target, baseUrl: "http://127.0.0.1:9101/v1/" })).id).toBe(first.id);

    const keyed = await findOrCreateCliModel(db, { ...target, apiKeyEnv: "QWEN_A_API_KEY" });
    expect(keyed).toMatchObject({ name: "qwen-a @ 127.0.0.1:9101 (QWEN_A_API_KEY)", apiKeyEnv: "QWEN_A_API_KEY" });
    expect((await findOrCreateCliModel(db, { ...target, apiKeyEnv: "QWEN_A_API_KEY" })).id).toBe(keyed.id);
    // Without a key variable the model named for the endpoint is picked, not the keyed one.
    expect((await findOrCreateCliModel(db, target)).id).toBe(first.id);
  });

  it("uses the first key variable's plain name when the endpoint has no model of that name yet", async () => {
    const { db } = database;
    const target = { kind: "openai" as const, baseUrl: "http://127.0.0.1:9102/v1", modelId: "qwen-b", apiKeyEnv: "QWEN_B_API_KEY" };
    expect(await findOrCreateCliModel(db, target)).toMatchObject({ name: "qwen-b @ 127.0.0.1:9102", apiKeyEnv: "QWEN_B_API_KEY" });
  });

  it("picks the model named for the endpoint over an older one there, else the oldest", async () => {
    const { db } = database;
    const baseUrl = "http://127.0.0.1:9103/v1";
    const older = await createModel(db, { name: "我的服务器", provider: "openai", baseUrl, modelId: "qwen-c" });
    const target = { kind: "openai" as const, baseUrl, modelId: "qwen-c" };
    expect((await findOrCreateCliModel(db, target)).id).toBe(older.id);
    const named = await createModel(db, { name: "qwen-c @ 127.0.0.1:9103", provider: "openai", baseUrl, modelId: "qwen-c" });
    expect((await findOrCreateCliModel(db, target)).id).toBe(named.id);
    // A key variable picks only a model with that variable.
    const keyed = await findOrCreateCliModel(db, { ...target, apiKeyEnv: "QWEN_C_API_KEY" });
    expect([keyed.id === older.id, keyed.id === named.id, keyed.name]).toEqual([false, false, "qwen-c @ 127.0.0.1:9103 (QWEN_C_API_KEY)"]);
  });

  it("numbers the name when another endpoint on the same host holds it", async () => {
    const { db } = database;
    const at = (path: string, apiKeyEnv?: string) =>
      findOrCreateCliModel(db, { kind: "openai", baseUrl: `http://127.0.0.1:9104${path}`, modelId: "qwen-d", apiKeyEnv });
    expect((await at("/v1")).name).toBe("qwen-d @ 127.0.0.1:9104");
    expect((await at("/a/v1")).name).toBe("qwen-d @ 127.0.0.1:9104 #2");
    expect((await at("/b/v1")).name).toBe("qwen-d @ 127.0.0.1:9104 #3");
    expect((await at("/c/v1", "QWEN_D_API_KEY")).name).toBe("qwen-d @ 127.0.0.1:9104 (QWEN_D_API_KEY)");
    expect((await at("/d/v1", "QWEN_D_API_KEY")).name).toBe("qwen-d @ 127.0.0.1:9104 (QWEN_D_API_KEY) #2");
  });

  it("returns the model another process registered a moment before, and rethrows when that is another model", async () => {
    const { db } = database;
    const target = { kind: "openai" as const, baseUrl: "http://127.0.0.1:9105/v1", modelId: "qwen-e" };
    const name = "qwen-e @ 127.0.0.1:9105";
    const raced = await findOrCreateCliModel(losingRace(db, { name, provider: "openai", baseUrl: target.baseUrl, modelId: "qwen-e" }), target);
    expect(raced.name).toBe(name);
    expect((await getModel(db, { id: raced.id }))?.name).toBe(name);

    const other = { kind: "openai" as const, baseUrl: "http://127.0.0.1:9106/v1", modelId: "qwen-f" };
    const taken = { name: "qwen-f @ 127.0.0.1:9106", provider: "openai", baseUrl: "http://127.0.0.1:9106/elsewhere", modelId: "qwen-f" };
    await expect(findOrCreateCliModel(losingRace(db, taken), other)).rejects.toThrow();
  });

  it("registers a reward model with its scorer, updates a changed scorer in place, and keeps an unchanged one as it is", async () => {
    const { db } = database;
    const baseUrl = "http://127.0.0.1:9107/v1";
    const scorer = { api: "http" as const, template: '{"q":{{prompt}},"a":{{response}}}', scorePath: "score" };
    const target = { kind: "openai" as const, baseUrl, modelId: "rm-a", apiKeyEnv: "RM_API_KEY", scorer };
    const reward = await findOrCreateCliModel(db, target);
    expect(reward).toMatchObject({
      name: "rm-a @ 127.0.0.1:9107 (reward http)",
      provider: "reward",
      baseUrl,
      modelId: "rm-a",
      apiKeyEnv: "RM_API_KEY",
      params: { scorer },
    });
    const again = await findOrCreateCliModel(db, target);
    expect(again.id).toBe(reward.id);
    expect(again.updatedAt).toEqual(reward.updatedAt);

    const changed = { ...scorer, scorePath: "data.0.score" };
    const updated = await findOrCreateCliModel(db, { ...target, scorer: changed });
    expect(updated.id).toBe(reward.id);
    expect(updated.params).toEqual({ scorer: changed });
    expect((await getModel(db, { id: reward.id }))!.params).toEqual({ scorer: changed });

    const vllm = await findOrCreateCliModel(db, { kind: "openai", baseUrl, modelId: "rm-a", scorer: { api: "vllm" } });
    expect(vllm).toMatchObject({ name: "rm-a @ 127.0.0.1:9107 (reward vllm)", provider: "reward", apiKeyEnv: null, params: { scorer: { api: "vllm" } } });
  });

  it("gives a reward model a free name when its name belongs to a chat model or to another server", async () => {
    const { db } = database;
    const baseUrl = "http://127.0.0.1:9108/v1";
    const chat = await createModel(db, { name: "rm-b @ 127.0.0.1:9108 (reward tei)", provider: "openai", baseUrl, modelId: "rm-b" });
    const reward = await findOrCreateCliModel(db, { kind: "openai", baseUrl, modelId: "rm-b", scorer: { api: "tei" } });
    expect(reward.id).not.toBe(chat.id);
    expect(reward).toMatchObject({ name: "rm-b @ 127.0.0.1:9108", provider: "reward", params: { scorer: { api: "tei" } } });
    expect((await getModel(db, { id: chat.id }))).toMatchObject({ provider: "openai", params: {} });

    const elsewhere = await findOrCreateCliModel(db, { kind: "openai", baseUrl: "http://127.0.0.1:9108/other/v1", modelId: "rm-b", scorer: { api: "tei" } });
    expect(elsewhere).toMatchObject({ name: "rm-b @ 127.0.0.1:9108 #2", provider: "reward", baseUrl: "http://127.0.0.1:9108/other/v1" });
  });

  it("registers an ONNX folder as '<folder> (onnx <dtype>)' with concurrency 1, numbering folders of the same name", async () => {
    const { db } = database;
    const fp32 = await findOrCreateCliModel(db, { kind: "onnx", dir: "/models/qwen-onnx", dtype: "fp32" });
    expect(fp32).toMatchObject({
      name: "qwen-onnx (onnx fp32)",
      provider: "onnx-local",
      modelId: "/models/qwen-onnx",
      params: { dtype: "fp32" },
      concurrency: 1,
    });
    expect((await findOrCreateCliModel(db, { kind: "onnx", dir: "/models/qwen-onnx", dtype: "fp32" })).id).toBe(fp32.id);
    expect((await findOrCreateCliModel(db, { kind: "onnx", dir: "/models/qwen-onnx", dtype: "q8" })).name).toBe("qwen-onnx (onnx q8)");
    expect((await findOrCreateCliModel(db, { kind: "onnx", dir: "/other/qwen-onnx", dtype: "fp32" })).name).toBe("qwen-onnx (onnx fp32) #2");
    expect((await findOrCreateCliModel(db, { kind: "onnx", dir: "/third/qwen-onnx", dtype: "fp32" })).name).toBe("qwen-onnx (onnx fp32) #3");
  });
});
