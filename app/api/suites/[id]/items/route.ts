import { z } from "zod";
import { getSuite, listSuiteItems } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { suiteIdSegment } from "@/lib/validation/params";
import { suiteItemsQuery } from "@/lib/validation/suites";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "researcher", params: z.object({ id: suiteIdSegment }), query: suiteItemsQuery },
  async ({ db, params: { id }, query: { page, pageSize, split } }) => {
    const suite = await getSuite(db, { id });
    if (!suite || disabledSuiteIds().has(id)) throw new AppError(`unknown suite "${id}"`, 404);
    const { rows, total } = await listSuiteItems(db, { suiteId: id, split, offset: (page - 1) * pageSize, limit: pageSize });
    return { suite: id, split, page, pageSize, total, items: rows };
  },
);
