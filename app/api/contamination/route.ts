import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { auditRoute } from "@/lib/auth/actor";
import { indexCorpusFile } from "@/lib/contamination/store";
import { listContaminationIndexes } from "@/lib/db/queries/contamination";
import { env } from "@/lib/env";
import { writeBodyWithin } from "@/lib/http/limited-body";
import { route } from "@/lib/http/route";
import { uploadTooLarge } from "@/lib/suite-store/upload-form";
import { corpusUploadQuery } from "@/lib/validation/contamination";

export const dynamic = "force-dynamic";

/** The corpora indexed for contamination checks. */
export const GET = route({ access: "researcher" }, async ({ db }) => ({ indexes: await listContaminationIndexes(db) }));

/**
 * `?name=&n=13&format=jsonl|text`, the corpus as the raw body: streamed to disk within CHIMED_MAX_UPLOAD_BYTES,
 * indexed, then deleted (only the index is kept).
 */
export const POST = route({ access: "researcher", body: "raw", query: corpusUploadQuery }, async (input) => {
  const { name, n, format } = input.query;
  const uploads = path.join(env.CHIMED_CONTAMINATION_DIR, "uploads");
  mkdirSync(uploads, { recursive: true });
  const file = path.join(uploads, randomUUID());
  const limit = env.CHIMED_MAX_UPLOAD_BYTES;
  try {
    await writeBodyWithin(input.request, file, limit, () => uploadTooLarge(limit));
    const index = await indexCorpusFile(input.db, { file, name, n, format });
    await auditRoute(input, "contamination_indexed", `contamination:${index.id}`, { n, bytes: index.corpusBytes });
    return Response.json({ index }, { status: 201 });
  } finally {
    await rm(file, { force: true });
  }
});
