import type { Db } from "@/lib/db/client";
import { getSuite, saveSuite } from "@/lib/db/queries/suites";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatMegabytes } from "@/lib/format-bytes";
import { contentHash } from "./content-hash";
import { ImportError } from "./importers/errors";
import { importUserSuite, previewUserSuite } from "./importers/user-upload";
import { taskKinds, type TaskKind } from "./types";

export interface UploadRequest {
  fileName: string;
  bytes: Uint8Array;
  taskKind: string;
  id?: string;
  name?: string;
  licence?: string;
}

function checkRequest(request: UploadRequest): TaskKind {
  const limit = env.CHIMED_MAX_UPLOAD_BYTES;
  if (request.bytes.byteLength > limit) throw new AppError(`file larger than ${formatMegabytes(limit)}`, 413);
  const kind = request.taskKind as TaskKind;
  if (!taskKinds.includes(kind) || kind === "scale") {
    throw new AppError(`task kind must be one of mcq, ner, open_qa, dialogue (got "${request.taskKind}")`);
  }
  return kind;
}

function importErrorBody(error: ImportError) {
  return new AppError(error.message, 400, { issues: error.issues, omitted: error.omitted });
}

export function previewUpload(request: UploadRequest) {
  const taskKind = checkRequest(request);
  const preview = previewUserSuite({ fileName: request.fileName, bytes: request.bytes, taskKind, id: request.id || undefined });
  if (!preview.ok) throw importErrorBody(preview.error);
  return preview;
}

/** Validates the whole file, then stores it in one transaction: a bad file leaves nothing behind. */
export async function importUpload(db: Db, request: UploadRequest) {
  const taskKind = checkRequest(request);
  if (!request.id || !request.name) throw new AppError("an id and a name are required to import");
  if (await getSuite(db, { id: request.id })) throw new AppError(`a suite with id "${request.id}" exists`, 409);
  try {
    const { suite, warnings } = importUserSuite({
      fileName: request.fileName,
      bytes: request.bytes,
      taskKind,
      id: request.id,
      name: request.name,
      licence: request.licence || undefined,
    });
    await saveSuite(db, { suite, version: contentHash(suite), bundled: false });
    return { id: suite.id, items: suite.items.length, warnings };
  } catch (error) {
    if (error instanceof ImportError) throw importErrorBody(error);
    throw error;
  }
}
