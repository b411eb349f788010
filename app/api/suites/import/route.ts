import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { importUpload, previewUpload, type UploadRequest } from "@/lib/suites/upload";

export const dynamic = "force-dynamic";

/** multipart/form-data: file, taskKind, id, name[, licence]; `?preview=1` validates and shows the first items. */
export const POST = route({ access: "researcher", body: "raw" }, async ({ request, db }) => {
  const form = await request.formData().catch(() => null);
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
  if (new URL(request.url).searchParams.get("preview")) return previewUpload(upload);
  return Response.json(await importUpload(db, upload), { status: 201 });
});
