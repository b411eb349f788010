"use client";

import { useTranslations } from "next-intl";
import { isActiveStatus, type RunItemsQuery, type RunViewData, useRun } from "@/lib/api/runs";
import { ApiErrorView } from "@/components/ui/api-error";
import { RunJudges } from "@/components/judges/run-judges";
import { RunActions } from "./run-actions";
import { RunHeader } from "./run-header";
import { ExportLinks } from "@/components/share/export-links";
import { RunOriginNote } from "@/components/share/run-origin";
import { ShareButton } from "@/components/share/share-button";
import { RunItems } from "./run-items";
import { RunManage } from "./run-manage";
import { RunMetrics } from "./run-metrics";
import { RunProgress } from "./run-progress";

/** The run page: rendered from the database, then polled every second while the run is queued or running. */
export function RunLive({
  id,
  initial,
  itemsQuery,
}: {
  id: string;
  initial: RunViewData;
  itemsQuery: Pick<RunItemsQuery, "filter" | "subset" | "page">;
}) {
  const t = useTranslations("runs");
  const query = useRun(id, initial);
  const view = query.data ?? initial;
  const { run } = view;
  const live = isActiveStatus(run.status);
  return (
    <>
      <RunHeader view={view} />
      <RunOriginNote origin={run.origin} />
      {run.status === "failed" && (
        <div role="alert" className="notice notice-error" data-testid="run-error">
          <p className="notice-title">{t("failed")}</p>
          {run.error && <p className="item-text">{run.error}</p>}
        </div>
      )}
      {run.status !== "failed" && run.error && <p className="notice item-text">{run.error}</p>}
      <ApiErrorView error={query.error} />
      <RunProgress view={view} />
      <RunActions id={id} status={run.status} errors={view.progress.errors} />
      {!live && (
        <div className="actions" data-testid="run-share-bar">
          <ShareButton kind="run" target={{ runId: id }} />
          <ExportLinks href={`/api/runs/${id}/export`} />
        </div>
      )}
      <RunMetrics view={view} />
      {(view.suite.taskKind === "open_qa" || view.suite.taskKind === "dialogue") && <RunJudges runId={id} />}
      <RunManage id={id} status={run.status} label={run.label} modelId={view.model.id} />
      <RunItems runId={id} initial={itemsQuery} live={live} status={run.status} subsetNames={view.suite.subsetNames} />
    </>
  );
}
