import { route } from "@/lib/http/route";
import { addOnnxModel, onnxFolders } from "@/lib/models/service";
import { toPublicModel } from "@/lib/models/public-model";
import { onnxModelBody } from "@/lib/validation/models";

export const dynamic = "force-dynamic";

/** The model folders a researcher may register (relative to CHIMED_ONNX_DIR, never the server's own paths). */
export const GET = route({ access: "researcher" }, async () => ({ folders: onnxFolders() }));

export const POST = route({ access: "researcher", body: onnxModelBody }, async ({ db, body }) =>
  Response.json({ model: toPublicModel(await addOnnxModel(db, body)) }, { status: 201 }),
);
