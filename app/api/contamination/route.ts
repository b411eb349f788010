import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { auditRoute } from "@/lib/auth/actor";
import { publicIndex, startIndexBuild } from "@/lib/contamination/store";
import { listContaminationIndexes } from "@/lib/db/queries/contamination";
import { env } from "@/lib/env";
import { writeBodyWithin } from "@/lib/http/limited-body";
import { route } from "@/lib/http/route";
import { uploadTooLarge } from "@/lib/suite-store/upload-form";
import { corpusUploadQuery } from "@/lib/validation/contamination";

export const dynamic = "force-dynamic";

/** The corpora indexed for contamination checks. */
export const GET = route({ access: "researcher" }, async ({ db }) => ({ indexes: (await listContaminationIndexes(db)).map(publicIndex) }));

/**
 * `?name=&n=13&format=jsonl|text`, the corpus as the raw body: streamed to disk within CHIMED_MAX_UPLOAD_BYTES,
 * then indexed on the build thread. Answers 202 with the index, status "building"; poll
 * `GET /api/contamination/<id>` until it is "ready" or "failed". The corpus file is deleted once indexed.
 */
export const POST = route({ access: "researcher", body: "raw", query: corpusUploadQuery }, async (input) => {
  const { name, n, format } = input.query;
  const uploads = path.join(env.CHIMED_CONTAMINATION_DIR, "uploads");
  mkdirSync(uploads, { recursive: true });
  const file = path.join(uploads, randomUUID());
  const limit = env.CHIMED_MAX_UPLOAD_BYTES;
  let started = false;
  try {
    const bytes = await writeBodyWithin(input.request, file, limit, () => uploadTooLarge(limit));
    const { index } = await startIndexBuild(input.db, { file, name, n, format });
    started = true;
    await auditRoute(input, "contamination_indexed", `contamination:${index.id}`, { n, bytes });
    return Response.json({ index: publicIndex(index) }, { status: 202 });
  } finally {
    // Once the build has started, it owns the file and deletes it when done.
    if (!started) await rm(file, { force: true });
  }
});
