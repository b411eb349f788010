import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { route } from "@/lib/http/route";
import { importUpload, inspectUpload, previewUpload, type UploadRequest } from "@/lib/suite-store/upload";
import { readUploadForm } from "@/lib/suite-store/upload-form";

export const dynamic = "force-dynamic";

/**
 * multipart/form-data: file, taskKind, id, name[, licence, mapping (JSON), replace=1].
 * `?inspect=1` lists the file's fields and matching presets; `?preview=1` validates and shows the first items.
 */
export const POST = route({ access: "researcher", body: "raw" }, async ({ request, db }) => {
  const form = await readUploadForm(request, env.CHIMED_MAX_UPLOAD_BYTES);
  const file = form?.get("file");
  if (!form || !(file instanceof File)) throw new AppError("send the file as multipart/form-data field \"file\"");
  const text = (name: string) => String(form.get(name) ?? "") || undefined;
  const upload: UploadRequest = {
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    taskKind: text("taskKind") ?? "",
    id: text("id"),
    name: text("name"),
    licence: text("licence"),
    mapping: text("mapping"),
    replace: text("replace") === "1",
  };
  const mode = new URL(request.url).searchParams;
  if (mode.get("inspect")) return inspectUpload(upload);
  if (mode.get("preview")) return previewUpload(db, upload);
  return Response.json(await importUpload(db, upload), { status: 201 });
});
