import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "../testing";
import { createLineage, deleteLineage, getLineage, getLineageByName, listLineages } from "./lineages";
import { createModel } from "./models";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe.each(testEngines())("lineage queries on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const model = async (name: string) => (await createModel(database.db, { name, provider: "openai", baseUrl: "http://127.0.0.1:1/v1" })).id;

  it("creates a lineage with its stages in the given order, each with its model's name", async () => {
    const [base, sft, rlhf] = [await model("get-base"), await model("get-sft"), await model("get-rlhf")];
    const lineage = await createLineage(database.db, {
      name: "get",
      stages: [
        { label: "基座", modelId: base },
        { label: "SFT", modelId: sft },
        { label: "RLHF", modelId: rlhf },
      ],
    });
    expect(lineage).toMatchObject({ name: "get", id: expect.any(String) });
    expect(await getLineage(database.db, { id: lineage.id })).toEqual({
      lineage,
      stages: [
        { position: 0, label: "基座", modelId: base, modelName: "get-base" },
        { position: 1, label: "SFT", modelId: sft, modelName: "get-sft" },
        { position: 2, label: "RLHF", modelId: rlhf, modelName: "get-rlhf" },
      ],
    });
  });

  it("keeps the stages of one lineage apart from another's that uses the same model", async () => {
    const shared = await model("apart-shared");
    const one = await createLineage(database.db, { name: "apart-1", stages: [{ label: "a", modelId: shared }] });
    const two = await createLineage(database.db, { name: "apart-2", stages: [{ label: "b", modelId: shared }, { label: "c", modelId: shared }] });
    expect((await getLineage(database.db, { id: one.id }))?.stages.map((s) => s.label)).toEqual(["a"]);
    expect((await getLineage(database.db, { id: two.id }))?.stages.map((s) => s.label)).toEqual(["b", "c"]);
  });

  it("finds no lineage for an unknown id or a malformed one", async () => {
    await createLineage(database.db, { name: "none-neighbour", stages: [{ label: "x", modelId: await model("none-x") }] });
    expect(await getLineage(database.db, { id: UNKNOWN })).toBeNull();
    expect(await getLineage(database.db, { id: "not-a-uuid" })).toBeNull();
  });

  it("finds a lineage by name, NUL replaced as when it was stored; null for an unknown name", async () => {
    const lineage = await createLineage(database.db, { name: "by\0name", stages: [{ label: "l\0abel", modelId: await model("by-name-m") }] });
    expect(lineage.name).toBe("by\u2400name");
    expect(await getLineageByName(database.db, { name: "by\0name" })).toEqual(lineage);
    expect((await getLineage(database.db, { id: lineage.id }))?.stages[0].label).toBe("l\u2400abel");
    expect(await getLineageByName(database.db, { name: "no-such-lineage" })).toBeNull();
  });

  it("lists lineages by name", async () => {
    const m = await model("list-m");
    for (const name of ["list-c", "list-a", "list-b"]) await createLineage(database.db, { name, stages: [{ label: "x", modelId: m }] });
    expect((await listLineages(database.db)).map((l) => l.name).filter((n) => n.startsWith("list-"))).toEqual(["list-a", "list-b", "list-c"]);
  });

  it("deletes a lineage with its stages once: true, then false; false for a malformed id", async () => {
    const m = await model("delete-m");
    const lineage = await createLineage(database.db, { name: "delete", stages: [{ label: "x", modelId: m }] });
    const kept = await createLineage(database.db, { name: "delete-kept", stages: [{ label: "y", modelId: m }] });
    expect(await deleteLineage(database.db, { id: "not-a-uuid" })).toBe(false);
    expect(await deleteLineage(database.db, { id: lineage.id })).toBe(true);
    expect(await getLineage(database.db, { id: lineage.id })).toBeNull();
    expect(await deleteLineage(database.db, { id: lineage.id })).toBe(false);
    expect((await getLineage(database.db, { id: kept.id }))?.stages).toHaveLength(1);
  });
});
