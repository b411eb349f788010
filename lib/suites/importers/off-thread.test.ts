import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { parseUpload } from "./off-thread";

const encode = (rows: object[]) => new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join("\n"));
const rows = Array.from({ length: 5_000 }, (_, i) => ({ question: `第 ${i} 题：哪项正确？`, A: "甲", B: "乙", answer: i % 2 ? "A" : "B", subject: `科${i % 3}` }));
const request = { fileName: "many.jsonl", bytes: encode(rows), taskKind: "mcq" as const, id: "many", name: "Many" };
const onThread = { offThreadBytes: 0 };
const inPlace = { offThreadBytes: Infinity };

describe("parsing uploads on the parser thread", () => {
  it("gives the same suite, warnings and version as parsing in place, items in order", async () => {
    const [there, here] = await Promise.all([
      parseUpload({ mode: "import", request }, onThread),
      parseUpload({ mode: "import", request }, inPlace),
    ]);
    expect(there.suite.items).toHaveLength(5_000);
    expect(there).toEqual(here);
    expect(there.suite.items[4_999].externalId).toBe(here.suite.items[4_999].externalId);
  });

  it("leaves the event loop free while it parses", async () => {
    let turns = 0;
    let parsing = true;
    const spin = () => {
      turns++;
      if (parsing) setImmediate(spin);
    };
    setImmediate(spin);
    await parseUpload({ mode: "preview", request }, onThread);
    parsing = false;
    // In place, the whole parse runs before the loop turns once more.
    expect(turns).toBeGreaterThan(1);
  });

  it("rejects a bad file with the same ImportError, naming line and field", async () => {
    const bad = { ...request, bytes: encode([...rows.slice(0, 3), { question: "缺答案", A: "甲", B: "乙" }]) };
    const error = await parseUpload({ mode: "import", request: bad }, onThread).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues[0]).toMatchObject({ line: 4, field: "answer" });
    expect(error).toEqual(await parseUpload({ mode: "import", request: bad }, inPlace).catch((e: unknown) => e));
  });

  it("inspects a file on the thread too", async () => {
    const inspection = await parseUpload({ mode: "inspect", request }, onThread);
    expect(inspection.records).toBe(5_000);
    expect(inspection.shape.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["question", "answer"]));
  });
});
