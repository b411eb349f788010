import { route } from "@/lib/http/route";
import { previewRun } from "@/lib/runner/preview-run";
import { createRunBody } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

/** POST /api/runs/preview { modelId, suiteId, settings }: the first item's exact prompt and the run's size; starts nothing. */
export const POST = route({ access: "researcher", body: createRunBody }, async ({ db, body }) => previewRun(db, body));
