import { listSuites } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "researcher" }, async ({ db }) => {
  const disabled = disabledSuiteIds();
  const suites = (await listSuites(db)).filter((s) => !disabled.has(s.id));
  return { suites: suites.map(({ config: _config, ...suite }) => suite) };
});
