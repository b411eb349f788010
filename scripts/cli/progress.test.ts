import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgressReporter, formatProgress } from "./progress";
import { formatDuration, formatTable } from "./table";

const state = { total: 200, finished: 50, errors: 1, unparsed: 3, itemsPerSecond: 12.34, etaSeconds: 150 / 12.34 };

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, chunks };
}

describe("progress", () => {
  it("shows done/total, errors, unparsed, rate and ETA", () => {
    expect(formatProgress(state, { bar: true })).toBe(
      "[######------------------]  50/200  25%  errors 1  unparsed 3  12.3 items/s  ETA 0:12",
    );
  });

  it("redraws in place at most 10 times a second on a terminal", () => {
    let now = 0;
    const { stream, chunks } = sink(true);
    const reporter = createProgressReporter(stream, { now: () => now });
    for (let i = 0; i < 50; i++, now += 10) reporter.update({ ...state, finished: i });
    reporter.end();
    expect(chunks.filter((c) => c.startsWith("\r")).length).toBeLessThanOrEqual(6);
    expect(chunks.at(-2)).toContain("49/200");
    expect(chunks.at(-1)).toBe("\n");
  });

  it("writes a plain line every few seconds elsewhere", () => {
    let now = 0;
    const { stream, chunks } = sink(false);
    const reporter = createProgressReporter(stream, { now: () => now, lineEveryMs: 3000 });
    for (let i = 0; i < 100; i++, now += 100) reporter.update({ ...state, finished: i });
    reporter.end();
    expect(chunks.length).toBe(5);
    expect(chunks.every((c) => c.endsWith("\n") && !c.includes("\r"))).toBe(true);
  });
});

describe("tables", () => {
  it("align columns, counting CJK characters as two", () => {
    expect(formatTable([["name", "n"], ["准确率", "1"], ["x", "22"]], { right: [1] })).toBe(
      "name     n\n------  --\n准确率   1\nx       22",
    );
    expect(formatDuration(3725)).toBe("1:02:05");
  });
});
