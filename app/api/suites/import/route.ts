import { getAppDb } from "@/lib/app-db";
import { AppError, toErrorResponse } from "@/lib/errors";
import { env } from "@/lib/env";
import { importUpload, previewUpload, type UploadRequest } from "@/lib/suites/upload";
import { readUploadForm } from "@/lib/suites/upload-form";

export const dynamic = "force-dynamic";

/** multipart/form-data: file, taskKind, id, name[, licence]; `?preview=1` validates and shows the first items. */
export async function POST(request: Request) {
  try {
    const form = await readUploadForm(request, env.CHIMED_MAX_UPLOAD_BYTES);
    const file = form?.get("file");
    if (!form || !(file instanceof File)) throw new AppError("send the file as multipart/form-data field \"file\"");
    const upload: UploadRequest = {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      taskKind: String(form.get("taskKind") ?? ""),
      id: String(form.get("id") ?? "") || undefined,
      name: String(form.get("name") ?? "") || undefined,
      licence: String(form.get("licence") ?? "") || undefined,
    };
    if (new URL(request.url).searchParams.get("preview")) return Response.json(previewUpload(upload));
    return Response.json(await importUpload(await getAppDb(), upload), { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
