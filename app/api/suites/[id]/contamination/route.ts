import { z } from "zod";
import { suiteContamination } from "@/lib/contamination/report";
import { requireReadyIndex } from "@/lib/contamination/store";
import { route } from "@/lib/http/route";
import { contaminationReportQuery } from "@/lib/validation/contamination";
import { suiteIdSegment } from "@/lib/validation/params";

export const dynamic = "force-dynamic";

/** `?index=<id>` (a ready index; 409 while it builds or after it failed): the suite's items that share an n-gram with that corpus, and each run's score with and without them. */
export const GET = route(
  { access: "researcher", params: z.object({ id: suiteIdSegment }), query: contaminationReportQuery },
  async ({ db, params, query }) => suiteContamination(db, await requireReadyIndex(db, query.index), params.id),
);
