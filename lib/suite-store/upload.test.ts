import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testEngines } from "@/lib/db/testing";
import { getSuite, listSuiteItems } from "@/lib/db/queries/suites";
import { AppError } from "@/lib/errors";
import { checkSuiteId, deleteSuite, importUpload, previewUpload, renameSuite } from "./upload";

const csv = (rows: string[]) => ({ fileName: "qa.csv", bytes: new TextEncoder().encode(["department,title,ask,answer", ...rows].join("\n")) });
const mapping = JSON.stringify({ fields: { question: "ask", answer: "answer" } });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(testEngines())("suite uploads on $name", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("checks the suite id in the preview: missing, invalid, reserved, free, taken", async () => {
    const db = database.db;
    const preview = (id?: string) => previewUpload(db, { ...csv(["内科,t,q,a"]), taskKind: "open_qa", id, mapping }).then((p) => p.idCheck.status);
    expect(await preview()).toBe("missing");
    expect(await preview("Bad_Id")).toBe("invalid");
    expect(await preview("cmmlu-medical")).toBe("reserved");
    expect(await preview("qa-check")).toBe("free");
    await importUpload(db, { ...csv(["内科,t,q,a"]), taskKind: "open_qa", id: "qa-check", name: "QA", mapping });
    expect(await checkSuiteId(db, "qa-check", "open_qa")).toMatchObject({ status: "taken", replaceable: true });
    expect(await checkSuiteId(db, "qa-check", "mcq", true)).toMatchObject({ status: "taken", replaceable: false });
    expect(await checkSuiteId(db, "qa-check", "open_qa", true)).toEqual({ status: "free" });
  });

  it("refuses a duplicate id with 409 and replaces when asked, as a new version", async () => {
    const db = database.db;
    await importUpload(db, { ...csv(["内科,t,q1,a1"]), taskKind: "open_qa", id: "qa-replace", name: "QA", mapping });
    const before = await getSuite(db, { id: "qa-replace" });
    expect((await refusal(importUpload(db, { ...csv(["内科,t,q2,a2"]), taskKind: "open_qa", id: "qa-replace", name: "QA", mapping }))).status).toBe(409);
    const replaced = await importUpload(db, { ...csv(["内科,t,q2,a2", "外科,t,q3,a3"]), taskKind: "open_qa", id: "qa-replace", name: "QA 2", mapping, replace: true });
    expect(replaced).toMatchObject({ items: 2, result: "replaced" });
    const after = await getSuite(db, { id: "qa-replace" });
    expect(after?.version).not.toBe(before?.version);
    expect((await listSuiteItems(db, { suiteId: "qa-replace" })).rows.map((r) => r.input.question)).toEqual(["q2", "q3"]);
  });

  it("renames and deletes uploaded suites; bundled ones answer 403 and unknown ones 404", async () => {
    const db = database.db;
    await importUpload(db, { ...csv(["内科,t,q,a"]), taskKind: "open_qa", id: "qa-manage", name: "QA", mapping });
    expect(await renameSuite(db, "qa-manage", { en: "Dialogue QA", zh: "对话问答" })).toMatchObject({ id: "qa-manage" });
    expect((await getSuite(db, { id: "qa-manage" }))?.name).toEqual({ en: "Dialogue QA", zh: "对话问答" });
    expect(await deleteSuite(db, "qa-manage")).toEqual({ id: "qa-manage", deletedRuns: 0 });
    expect((await refusal(deleteSuite(db, "qa-manage"))).status).toBe(404);
    await importUpload(db, { ...csv(["内科,t,q,a"]), taskKind: "open_qa", id: "qa-bundled", name: "QA", mapping });
    await db.execute("update suites set bundled = true where id = 'qa-bundled'");
    expect((await refusal(renameSuite(db, "qa-bundled", { en: "x", zh: "x" }))).status).toBe(403);
  });

  it("rejects a malformed mapping with a 400 that says so", async () => {
    const error = await refusal(previewUpload(database.db, { ...csv(["内科,t,q,a"]), taskKind: "open_qa", mapping: "{oops" }));
    expect([error.status, error.message]).toEqual([400, 'field "mapping" is not valid JSON']);
  });
});
