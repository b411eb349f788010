import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../schema";
import { type TestDatabase, testEngines } from "../testing";
import { findBaselineModel, findOnnxModel, listModelsAtEndpoint } from "./cli-models";
import { createModel } from "./models";

// How the command line finds a model it was named by endpoint, baseline strategy or ONNX folder.
describe.each(testEngines())("command-line model lookups on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  // Creation times are set in the rows, so "oldest first" does not depend on how fast rows are written.
  async function model(values: Parameters<typeof createModel>[1], createdAt: string): Promise<Model> {
    const row = await createModel(database.db, values);
    await database.db.execute(sql`update models set created_at = ${createdAt}::timestamptz where id = ${row.id}`);
    return row;
  }

  it("lists the OpenAI-compatible models of one server and model id, oldest first, ignoring trailing slashes", async () => {
    const newer = await model({ name: "ep-newer", provider: "openai", baseUrl: "http://ep.test/v1/", modelId: "qwen" }, "2026-01-02T00:00:00Z");
    const older = await model({ name: "ep-older", provider: "openai", baseUrl: "http://ep.test/v1", modelId: "qwen" }, "2026-01-01T00:00:00Z");
    await model({ name: "ep-other-id", provider: "openai", baseUrl: "http://ep.test/v1", modelId: "llama" }, "2026-01-01T00:00:00Z");
    await model({ name: "ep-other-server", provider: "openai", baseUrl: "http://ep.test/v2", modelId: "qwen" }, "2026-01-01T00:00:00Z");
    await model({ name: "ep-browser", provider: "browser", baseUrl: "http://ep.test/v1", modelId: "qwen" }, "2026-01-01T00:00:00Z");
    const ids = async (baseUrl: string) => (await listModelsAtEndpoint(database.db, { baseUrl, modelId: "qwen" })).map((m) => m.id);
    expect(await ids("http://ep.test/v1")).toEqual([older.id, newer.id]);
    expect(await ids("http://ep.test/v1//")).toEqual([older.id, newer.id]);
    expect(await ids("http://ep.test/v3")).toEqual([]);
    expect((await listModelsAtEndpoint(database.db, { baseUrl: "http://ep.test/v1", modelId: "qwen" }))[0]).toMatchObject({ name: "ep-older", provider: "openai" });
  });

  it("finds the oldest baseline model of a strategy", async () => {
    await model({ name: "bl-newer", provider: "baseline", modelId: "majority" }, "2026-02-02T00:00:00Z");
    const older = await model({ name: "bl-older", provider: "baseline", modelId: "majority" }, "2026-02-01T00:00:00Z");
    await model({ name: "bl-openai", provider: "openai", baseUrl: "http://x.test/v1", modelId: "random" }, "2026-01-01T00:00:00Z");
    expect(await findBaselineModel(database.db, { strategy: "majority" })).toMatchObject({ id: older.id, name: "bl-older" });
    expect(await findBaselineModel(database.db, { strategy: "random" })).toBeNull();
  });

  it("finds the oldest ONNX model of a folder and dtype", async () => {
    await model({ name: "onnx-newer", provider: "onnx-local", modelId: "/models/a", params: { dtype: "q8" } }, "2026-03-02T00:00:00Z");
    const older = await model({ name: "onnx-older", provider: "onnx-local", modelId: "/models/a", params: { dtype: "q8" } }, "2026-03-01T00:00:00Z");
    const fp32 = await model({ name: "onnx-fp32", provider: "onnx-local", modelId: "/models/a", params: { dtype: "fp32" } }, "2026-03-01T00:00:00Z");
    await model({ name: "onnx-browser", provider: "browser", modelId: "/models/b", params: { dtype: "q8" } }, "2026-01-01T00:00:00Z");
    expect(await findOnnxModel(database.db, { dir: "/models/a", dtype: "q8" })).toMatchObject({ id: older.id, name: "onnx-older" });
    expect(await findOnnxModel(database.db, { dir: "/models/a", dtype: "fp32" })).toMatchObject({ id: fp32.id });
    expect(await findOnnxModel(database.db, { dir: "/models/a", dtype: "q4" })).toBeNull();
    expect(await findOnnxModel(database.db, { dir: "/models/b", dtype: "q8" })).toBeNull();
  });
});
