import type { Db } from "@/lib/db/client";
import { deleteUserSuite, getSuite, renameUserSuite, saveSuite } from "@/lib/db/queries/suites";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatMegabytes } from "@/lib/format-bytes";
import { ImportError } from "@/lib/suites/importers/errors";
import { parseUpload } from "@/lib/suites/importers/off-thread";
import { suiteIdProblem } from "@/lib/suites/importers/user-upload";
import { fieldMappingSchema, type FieldMapping } from "@/lib/suites/mapping/field-mapping";
import { taskKinds, type TaskKind } from "@/lib/suites/types";

export interface UploadRequest {
  fileName: string;
  bytes: Uint8Array;
  taskKind: string;
  id?: string;
  name?: string;
  licence?: string;
  /** JSON text of a FieldMapping, as the form sends it. */
  mapping?: string;
  /** Replace the uploaded suite with this id by a new version. */
  replace?: boolean;
}

const UPLOAD_KINDS = taskKinds.filter((k) => k !== "scale");

function checkSize(bytes: Uint8Array) {
  const limit = env.CHIMED_MAX_UPLOAD_BYTES;
  if (bytes.byteLength > limit) throw new AppError(`file larger than ${formatMegabytes(limit)}`, 413);
}

function checkRequest(request: UploadRequest): { taskKind: TaskKind; mapping?: FieldMapping } {
  checkSize(request.bytes);
  const kind = request.taskKind as TaskKind;
  if (!(UPLOAD_KINDS as readonly string[]).includes(kind)) {
    throw new AppError(`task kind must be one of ${UPLOAD_KINDS.join(", ")} (got "${request.taskKind}")`);
  }
  return { taskKind: kind, mapping: parseMapping(request.mapping) };
}

function parseMapping(text: string | undefined): FieldMapping | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('field "mapping" is not valid JSON');
  }
  const parsed = fieldMappingSchema.safeParse(value);
  if (!parsed.success) throw new AppError(`field "mapping": ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data;
}

function importErrorBody(error: ImportError) {
  return new AppError(error.message, 400, { issues: error.issues, omitted: error.omitted, lines: error.lines });
}

export type IdCheck =
  | { status: "free" }
  | { status: "missing" | "invalid" | "reserved"; message: string }
  | { status: "taken"; message: string; replaceable: boolean };

/** Whether an import under this id would go through: the preview says so before the import button is enabled. */
export async function checkSuiteId(db: Db, id: string | undefined, taskKind: TaskKind, replace = false): Promise<IdCheck> {
  if (!id) return { status: "missing", message: "give the suite an id" };
  const problem = suiteIdProblem(id);
  if (problem) return { status: problem.reserved ? "reserved" : "invalid", message: problem.message };
  const existing = await getSuite(db, { id });
  if (!existing) return { status: "free" };
  const replaceable = !existing.bundled && existing.taskKind === taskKind;
  if (replace && replaceable) return { status: "free" };
  const message = existing.bundled
    ? `suite id "${id}" is taken by a bundled suite`
    : existing.taskKind !== taskKind
      ? `a ${existing.taskKind} suite with id "${id}" exists; choose another id`
      : `a suite with id "${id}" exists; choose another id or replace it with this file as a new version`;
  return { status: "taken", message, replaceable };
}

/** The file's fields and the presets it matches, for the field-mapping step. */
export async function inspectUpload(request: Pick<UploadRequest, "fileName" | "bytes">) {
  checkSize(request.bytes);
  try {
    return await parseUpload({ mode: "inspect", request: { fileName: request.fileName, bytes: request.bytes } });
  } catch (error) {
    if (error instanceof ImportError) throw importErrorBody(error);
    throw error;
  }
}

export async function previewUpload(db: Db, request: UploadRequest) {
  const { taskKind, mapping } = checkRequest(request);
  const idCheck = checkSuiteId(db, request.id, taskKind, request.replace);
  try {
    const preview = await parseUpload({ mode: "preview", request: { fileName: request.fileName, bytes: request.bytes, taskKind, mapping } });
    return { ...preview, idCheck: await idCheck };
  } catch (error) {
    await idCheck.catch(() => undefined);
    if (error instanceof ImportError) throw importErrorBody(error);
    throw error;
  }
}

/** Validates the whole file, then stores it in one transaction: a bad file leaves nothing behind. */
export async function importUpload(db: Db, request: UploadRequest) {
  const { taskKind, mapping } = checkRequest(request);
  if (!request.id || !request.name) throw new AppError("an id and a name are required to import");
  const idCheck = await checkSuiteId(db, request.id, taskKind, request.replace);
  if (idCheck.status === "taken") throw new AppError(idCheck.message, 409);
  try {
    const { suite, warnings, version } = await parseUpload({
      mode: "import",
      request: {
        fileName: request.fileName,
        bytes: request.bytes,
        taskKind,
        id: request.id,
        name: request.name,
        licence: request.licence || undefined,
        mapping,
      },
    });
    const result = await saveSuite(db, { suite, version, bundled: false, keepRunItems: true });
    return { id: suite.id, items: suite.items.length, warnings, result };
  } catch (error) {
    if (error instanceof ImportError) throw importErrorBody(error);
    throw error;
  }
}

export async function renameSuite(db: Db, id: string, name: { en: string; zh: string }) {
  if (!(await renameUserSuite(db, { id, name }))) throw await notUserSuite(db, id);
  return { id, name };
}

export async function deleteSuite(db: Db, id: string) {
  const deleted = await deleteUserSuite(db, { id });
  if (!deleted) throw await notUserSuite(db, id);
  return { id, deletedRuns: deleted.runs };
}

async function notUserSuite(db: Db, id: string): Promise<AppError> {
  return (await getSuite(db, { id }))
    ? new AppError(`suite "${id}" is bundled with the app; only uploaded suites can be renamed or deleted`, 403)
    : new AppError(`no suite "${id}"`, 404);
}
