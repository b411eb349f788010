import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportedResult } from "@/lib/suites/bundled-results";
import { type TestDatabase, testEngines } from "../testing";
import { listReportedResults, saveReportedResults } from "./reported-results";

const result = (over: Partial<ReportedResult>): ReportedResult => ({
  model: "GPT-4",
  benchmark: "CMB",
  task: "mcq",
  metric: "accuracy",
  value: 60,
  source: "paper",
  ...over,
});

describe.each(testEngines())("reported results on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const mine = async (prefix: string) =>
    (await listReportedResults(database.db)).filter((r) => r.benchmark.startsWith(prefix)).map(({ id: _, ...rest }) => rest);

  it("lists the published numbers by task, benchmark, then model", async () => {
    await saveReportedResults(database.db, [
      result({ benchmark: "order-b", model: "m1", task: "mcq" }),
      result({ benchmark: "order-a", model: "m2", task: "mcq" }),
      result({ benchmark: "order-a", model: "m1", task: "mcq" }),
      result({ benchmark: "order-c", model: "m0", task: "ner", metric: "f1" }),
    ]);
    expect((await mine("order-")).map((r) => `${r.task} ${r.benchmark} ${r.model}`)).toEqual([
      "mcq order-a m1",
      "mcq order-a m2",
      "mcq order-b m1",
      "ner order-c m0",
    ]);
  });

  it("re-imports idempotently: the same key updates value, task and source instead of adding a row", async () => {
    await saveReportedResults(database.db, [result({ benchmark: "again", value: 50 }), result({ benchmark: "again", metric: "f1", value: 40 })]);
    await saveReportedResults(database.db, [result({ benchmark: "again", value: 55.5, task: "open_qa", source: "erratum" })]);
    expect(await mine("again")).toEqual([
      result({ benchmark: "again", metric: "f1", value: 40 }),
      result({ benchmark: "again", value: 55.5, task: "open_qa", source: "erratum" }),
    ]);
    await saveReportedResults(database.db, [result({ benchmark: "again", value: 55.5, task: "open_qa", source: "erratum" })]);
    expect(await mine("again")).toHaveLength(2);
  });

  it("saves nothing, and fails nothing, for no rows", async () => {
    const before = await listReportedResults(database.db);
    await expect(saveReportedResults(database.db, [])).resolves.toBeUndefined();
    expect(await listReportedResults(database.db)).toEqual(before);
  });
});
