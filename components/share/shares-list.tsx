"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ShareLinkSummary, useMyShares, useRevokeShare } from "@/lib/api/shares";
import { filtersToQuery } from "@/lib/leaderboard/filters";
import { ApiErrorView } from "@/components/ui/api-error";
import { LocalTime } from "@/components/ui/local-time";

/** The creator's way back to what a link shows (their own list, so internal ids are fine here). */
function targetHref(link: ShareLinkSummary): string | null {
  const { target } = link;
  if (link.kind === "comparison") return Array.isArray(target.runIds) ? `/compare?runs=${target.runIds.map(String).join(",")}` : null;
  if (link.kind === "model") return typeof target.modelId === "string" ? `/models/${target.modelId}` : null;
  if (link.kind === "leaderboard") {
    const filters = target.filters && typeof target.filters === "object" ? (target.filters as Record<string, string>) : {};
    const query = filtersToQuery(filters);
    return query ? `/?${query}` : "/";
  }
  const runId = typeof target.runId === "string" ? target.runId : null;
  if (!runId) return null;
  return link.kind === "audit" ? `/audits/${runId}` : `/runs/${runId}`;
}

/** The caller's links with view counts and a revoke button (the tokens themselves are not kept, so not shown). */
export function SharesList() {
  const t = useTranslations("share");
  const shares = useMyShares();
  const revoke = useRevokeShare();
  if (shares.error) return <ApiErrorView error={shares.error} />;
  if (!shares.data) return null;
  if (shares.data.length === 0) return <p className="muted">{t("list.empty")}</p>;
  return (
    <>
      <ApiErrorView error={revoke.error} />
      <div className="table-scroll">
        <table data-testid="shares-table">
          <thead>
            <tr>
              <th scope="col">{t("list.label")}</th>
              <th scope="col">{t("list.kind")}</th>
              <th scope="col">{t("list.views")}</th>
              <th scope="col">{t("list.state")}</th>
              <th scope="col">{t("list.items")}</th>
              <th scope="col">{t("list.public")}</th>
              <th scope="col">{t("list.created")}</th>
              <th scope="col">{t("list.expires")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {shares.data.map((link) => {
              const href = targetHref(link);
              return (
                <tr key={link.id} data-testid="share-row">
                  <td className="item-text">{link.label ?? "—"}</td>
                  <td>{href ? <Link href={href}>{t(`kind.${link.kind}` as "kind.run")}</Link> : t(`kind.${link.kind}` as "kind.run")}</td>
                  <td className="mono" data-testid="share-views">{link.viewCount}</td>
                  <td>
                    <span className={`badge ${link.state === "live" ? "badge-ok" : "badge-error"}`}>{t(`list.${link.state}`)}</span>
                  </td>
                  <td>{link.includeItems ? t("list.yes") : t("list.no")}</td>
                  <td>{link.public ? t("list.yes") : t("list.no")}</td>
                  <td>
                    <LocalTime iso={link.createdAt} />
                  </td>
                  <td>{link.expiresAt ? <LocalTime iso={link.expiresAt} /> : t("list.never")}</td>
                  <td>
                    {link.state === "live" && (
                      <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(link.id)} data-testid="share-revoke">
                        {t("list.revoke")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
