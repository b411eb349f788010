import { auditRoute } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { importRunFile, parseRunFile } from "@/lib/export/run-import";
import { route } from "@/lib/http/route";
import { readUploadBytes, readUploadForm } from "@/lib/suite-store/upload-form";

export const dynamic = "force-dynamic";

/**
 * POST /api/runs/import: an exported run file (format chimed-run/1), as multipart field "file" or as the JSON
 * body itself, within the upload limit. 201 { runId, metrics }; a bad file is refused whole (400, line and field).
 */
export const POST = route({ access: "researcher", body: "raw" }, async (input) => {
  const { request } = input;
  const type = request.headers.get("content-type") ?? "";
  let text: string;
  let fileName: string | null = null;
  if (type.startsWith("multipart/form-data")) {
    const form = await readUploadForm(request, env.CHIMED_MAX_UPLOAD_BYTES);
    const file = form?.get("file");
    if (!form || !(file instanceof File)) throw new AppError('send the file as multipart/form-data field "file"');
    fileName = file.name.slice(0, 200) || null;
    text = await file.text();
  } else {
    text = new TextDecoder().decode(await readUploadBytes(request, env.CHIMED_MAX_UPLOAD_BYTES));
  }
  const result = await importRunFile(input.db, parseRunFile(text), { fileName });
  await auditRoute(input, "run_imported", `run:${result.runId}`, { file: fileName });
  return Response.json(result, { status: 201 });
});
