import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { createModel, deleteModel, ensureModels, getModel, getModelByName, listModels, updateModel } from "./models";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const server = { provider: "openai", baseUrl: "http://127.0.0.1:1/v1" };

describe.each(testEngines())("model queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates a model with the column defaults and finds it by id and by name", async () => {
    const model = await createModel(database.db, { name: "get-me", ...server, modelId: "qwen" });
    expect(model).toMatchObject({ name: "get-me", provider: "openai", modelId: "qwen", params: {}, concurrency: 8, timeoutMs: 60_000 });
    expect(await getModel(database.db, { id: model.id })).toEqual(model);
    expect(await getModelByName(database.db, { name: "get-me" })).toEqual(model);
  });

  it("finds nothing for an unknown id, a malformed id or an unknown name", async () => {
    await createModel(database.db, { name: "not-found-neighbour", ...server });
    expect(await getModel(database.db, { id: UNKNOWN })).toBeNull();
    expect(await getModel(database.db, { id: "not-a-uuid" })).toBeNull();
    expect(await getModelByName(database.db, { name: "no-such-model" })).toBeNull();
  });

  it("stores a name with a NUL visibly replaced, and finds it by the name as typed", async () => {
    const model = await createModel(database.db, { name: "nul\0name", ...server });
    expect(model.name).toBe("nul\u2400name");
    expect((await getModelByName(database.db, { name: "nul\0name" }))?.id).toBe(model.id);
  });

  it("lists models by provider, then name", async () => {
    await createModel(database.db, { name: "list-b", provider: "openai", baseUrl: "http://127.0.0.1:1/v1" });
    await createModel(database.db, { name: "list-a", provider: "openai", baseUrl: "http://127.0.0.1:1/v1" });
    await createModel(database.db, { name: "list-z", provider: "baseline" });
    const names = (await listModels(database.db)).map((m) => `${m.provider}/${m.name}`).filter((n) => n.includes("/list-"));
    expect(names).toEqual(["baseline/list-z", "openai/list-a", "openai/list-b"]);
  });

  it("updates the given fields, stamps the change and keeps the rest; null for an unknown model", async () => {
    const model = await createModel(database.db, { name: "update-me", ...server, concurrency: 2 });
    const before = new Date();
    const updated = await updateModel(database.db, { id: model.id, values: { concurrency: 5, params: { temperature: 0 } } });
    expect(updated).toMatchObject({ id: model.id, name: "update-me", baseUrl: server.baseUrl, concurrency: 5, params: { temperature: 0 } });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(updated!.createdAt).toEqual(model.createdAt);
    expect(await getModel(database.db, { id: model.id })).toEqual(updated);
    expect(await updateModel(database.db, { id: UNKNOWN, values: { concurrency: 3 } })).toBeNull();
  });

  it("deletes a model once: true, then false; false for a malformed id", async () => {
    const model = await createModel(database.db, { name: "delete-me", ...server });
    const kept = await createModel(database.db, { name: "delete-neighbour", ...server });
    expect(await deleteModel(database.db, { id: "not-a-uuid" })).toBe(false);
    expect(await deleteModel(database.db, { id: model.id })).toBe(true);
    expect(await getModel(database.db, { id: model.id })).toBeNull();
    expect(await deleteModel(database.db, { id: model.id })).toBe(false);
    expect(await getModel(database.db, { id: kept.id })).toEqual(kept);
  });

  it("ensures models by name: an existing name keeps its row, a new one is added, nothing to add is fine", async () => {
    const existing = await createModel(database.db, { name: "ensure-old", provider: "baseline", concurrency: 3 });
    await ensureModels(database.db, [
      { name: "ensure-old", provider: "baseline", concurrency: 9 },
      { name: "ensure-new", provider: "baseline" },
    ]);
    expect(await getModelByName(database.db, { name: "ensure-old" })).toEqual(existing);
    expect(await getModelByName(database.db, { name: "ensure-new" })).toMatchObject({ provider: "baseline" });
    await expect(ensureModels(database.db, [])).resolves.toBeUndefined();
  });

  it("ensures by name only: a row that reuses another model's id is refused, not skipped", async () => {
    const existing = await createModel(database.db, { name: "ensure-id-owner", provider: "baseline" });
    await expect(ensureModels(database.db, [{ id: existing.id, name: "ensure-id-thief", provider: "baseline" }])).rejects.toThrow();
    expect(await getModelByName(database.db, { name: "ensure-id-thief" })).toBeNull();
  });
});
