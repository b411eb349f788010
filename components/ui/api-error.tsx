"use client";

import { useTranslations } from "next-intl";
import { ApiError } from "@/lib/api/fetcher";
import type { ImportIssue } from "@/lib/api/suites";

interface ZodIssue {
  path?: (string | number)[];
  message: string;
}

function issuesOf(error: unknown): { fields: ZodIssue[]; file: ImportIssue[]; omitted: number } {
  const details = error instanceof ApiError ? error.details : undefined;
  if (Array.isArray(details)) return { fields: details as ZodIssue[], file: [], omitted: 0 };
  const d = details as { issues?: unknown; omitted?: unknown } | undefined;
  if (d && Array.isArray(d.issues)) {
    return { fields: [], file: d.issues as ImportIssue[], omitted: typeof d.omitted === "number" ? d.omitted : 0 };
  }
  return { fields: [], file: [], omitted: 0 };
}

/** Shows what the API answered when it refused a request: its message and, when given, each issue. */
export function ApiErrorView({ error }: { error: unknown }) {
  const t = useTranslations("forms");
  if (!error) return null;
  const { fields, file, omitted } = issuesOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="notice notice-error" data-testid="api-error">
      {fields.length > 0 ? (
        <>
          <p className="notice-title">{t("refused")}</p>
          <ul className="small">
            {fields.map((issue, i) => (
              <li key={i}>
                {issue.path?.length ? <span className="mono">{issue.path.join(".")}: </span> : null}
                {issue.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="item-text notice-title">{message}</p>
      )}
      {file.length > 0 && <ImportIssues issues={file} omitted={omitted} />}
    </div>
  );
}

function ImportIssues({ issues, omitted }: { issues: ImportIssue[]; omitted: number }) {
  const t = useTranslations("forms");
  return (
    <div className="table-scroll">
      <table data-testid="import-issues">
        <thead>
          <tr>
            <th scope="col">{t("file")}</th>
            <th scope="col" className="num">
              {t("line")}
            </th>
            <th scope="col">{t("field")}</th>
            <th scope="col">{t("message")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, i) => (
            <tr key={i}>
              <td className="small">{issue.file}</td>
              <td className="num">{issue.line ?? "—"}</td>
              <td className="mono small">{issue.field ?? "—"}</td>
              <td className="item-text">{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {omitted > 0 && <p className="small muted">{t("omitted", { count: omitted })}</p>}
    </div>
  );
}
