import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readUploadBytes, readUploadForm } from "./upload-form";

const MB = 1024 * 1024;

/** A body of `total` bytes made on demand, counting how much of it the reader pulled. */
function lazyBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

const upload = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/suites/import", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("upload bodies", () => {
  it("refuses a declared 1 GB upload before reading any of it", async () => {
    const { stream, counter } = lazyBody(1024 * MB);
    const error = await readUploadBytes(upload(stream, { "content-length": String(1024 * MB) }), 50 * MB).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 413 });
    expect(error.message).toBe("upload larger than 50 MB (the server's limit, CHIMED_MAX_UPLOAD_BYTES)");
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops reading an undeclared (chunked) upload as soon as it passes the limit", async () => {
    const { stream, counter } = lazyBody(1024 * MB);
    await expect(readUploadBytes(upload(stream), 2 * MB)).rejects.toMatchObject({ status: 413 });
    expect(counter.pulled).toBeLessThan(3 * MB);
  });

  it("reads a form within the limit", async () => {
    const form = new FormData();
    form.set("file", new File(["question,A,B,answer\n头痛？,是,否,A\n"], "q.csv"));
    form.set("taskKind", "mcq");
    const request = new Request("http://localhost/api/suites/import", { method: "POST", body: form });
    const read = (await readUploadForm(request, MB))!;
    expect(read.get("taskKind")).toBe("mcq");
    expect(await (read.get("file") as File).text()).toContain("头痛？");
  });
});
