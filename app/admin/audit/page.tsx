import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { getAppDb } from "@/lib/app-db";
import { requireCaller } from "@/lib/auth/page-caller";
import { listAudit } from "@/lib/db/queries/audit-log";
import { auditQuery } from "@/lib/validation/accounts";

export const dynamic = "force-dynamic";

const PAGE = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireCaller("admin", "/admin/audit");
  const t = await getTranslations("auditLog");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const parsed = auditQuery.safeParse({ ...raw, limit: PAGE });
  const filter = parsed.success ? parsed.data : auditQuery.parse({ limit: PAGE });
  const entries = await listAudit(await getAppDb(), filter);
  const older = new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), ...(filter.actor ? { actor: filter.actor } : {}) });
  if (entries.length === PAGE) older.set("before", String(entries.at(-1)!.id));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <form className="form-row card" method="get">
        <label className="field">
          <span className="field-label">{t("action")}</span>
          <input name="action" defaultValue={filter.action ?? ""} placeholder={t("any")} maxLength={64} />
        </label>
        <label className="field">
          <span className="field-label">{t("actor")}</span>
          <input name="actor" defaultValue={filter.actor ?? ""} placeholder={t("any")} maxLength={200} />
        </label>
        <p>
          <button className="button" type="submit">
            {t("filter")}
          </button>
        </p>
      </form>
      {entries.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("actor")}</th>
                <th scope="col">{t("action")}</th>
                <th scope="col">{t("target")}</th>
                <th scope="col">{t("ip")}</th>
                <th scope="col">{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <LocalTime iso={entry.at.toISOString()} />
                  </td>
                  <td className="item-text">{entry.actor}</td>
                  <td className="mono">{entry.action}</td>
                  <td className="mono item-text">{entry.target ?? "—"}</td>
                  <td className="mono">{entry.ip ?? "—"}</td>
                  <td className="mono item-text small">{Object.keys(entry.details).length ? JSON.stringify(entry.details) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {older.has("before") && (
        <p>
          <Link href={`/admin/audit?${older}`}>{t("older")}</Link>
        </p>
      )}
    </>
  );
}
