/** What a download is called and how it is typed; one place so every export names its files the same way. */
export const exportFormats = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
} as const;
export type ExportFormat = keyof typeof exportFormats;

/** Streams text chunks as an attachment; the body is pulled chunk by chunk, so a slow reader holds no memory. */
export function downloadResponse(chunks: AsyncIterable<string>, format: ExportFormat, filename: string): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  const safeName = filename.replace(/[^\w.-]+/g, "_").slice(0, 120) || "export";
  return new Response(body, {
    headers: {
      "content-type": exportFormats[format],
      "content-disposition": `attachment; filename="${safeName}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
