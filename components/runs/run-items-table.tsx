"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { RunItemRow } from "@/lib/api/runs";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { compactJson } from "./format";

export function RunItemsTable({
  runId,
  rows,
  search,
  subsetNames,
}: {
  runId: string;
  rows: RunItemRow[];
  search: string;
  subsetNames?: SubsetNames;
}) {
  const t = useTranslations("runs.items");
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <table data-testid="items-table">
        <thead>
          <tr>
            <th scope="col">{t("item")}</th>
            <th scope="col">{t("outcome")}</th>
            <th scope="col">{t("answer")}</th>
            <th scope="col">{t("parsed")}</th>
            <th scope="col">{t("gold")}</th>
            <th scope="col">{t("score")}</th>
            <th scope="col" className="num">
              {t("latency")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-item={row.id}>
              <th scope="row">
                <Link href={`/runs/${runId}/items/${row.id}${search}`}>{row.externalId}</Link>
                <div className="small muted">
                  {row.subset ? subsetName(subsetNames, row.subset, locale) : ""}
                  {row.sample > 0 ? ` · #${row.sample}` : ""}
                  {row.cached ? ` · ${t("cached")}` : ""}
                </div>
              </th>
              <td>
                <span className={`badge outcome-${row.status === "error" ? "error" : (row.outcome ?? row.status)}`}>
                  {row.status === "error" ? t("outcomes.error") : row.outcome ? outcomeLabel(t, row.outcome) : statusLabel(t, row.status)}
                </span>
              </td>
              <td className="answer-cell">
                <span className="item-text clamp" data-testid="item-answer">
                  {row.status === "error" ? (row.error ?? "") : (row.rawResponse ?? "—")}
                </span>
              </td>
              <td className="mono small">{compactJson(row.parsed, 40)}</td>
              <td className="small item-text" data-testid="item-gold">{goldText(row.gold)}</td>
              <td className="mono small">{scoreText(row.scores)}</td>
              <td className="num">{row.latencyMs ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function outcomeLabel(t: ReturnType<typeof useTranslations<"runs.items">>, outcome: string): string {
  return ["scored", "unparsed", "refused"].includes(outcome) ? t(`outcomes.${outcome as "scored"}`) : outcome;
}

function statusLabel(t: ReturnType<typeof useTranslations<"runs.items">>, status: string): string {
  return ["pending", "running", "done", "error"].includes(status) ? t(`statuses.${status as "done"}`) : status;
}

/** For multiple choice the one number that matters is `correct`; other kinds show their first scores. */
function scoreText(scores: Record<string, unknown> | null): string {
  if (!scores) return "—";
  if (typeof scores.correct === "number") return scores.correct >= 1 ? "✓" : "✗";
  const numbers = Object.entries(scores).filter(([, v]) => typeof v === "number") as [string, number][];
  return numbers.length ? numbers.slice(0, 3).map(([k, v]) => `${k} ${Number(v.toFixed(2))}`).join(" · ") : compactJson(scores, 40);
}

/** The gold answer in a few characters: the letter, the entities, the (first) reference, the scale direction. */
function goldText(gold: Record<string, unknown> | null | undefined): string {
  if (!gold) return "—";
  if (typeof gold.answer === "string") return gold.answer;
  if (Array.isArray(gold.entities)) {
    return compactJson((gold.entities as { text?: unknown; type?: unknown }[]).map((e) => `${String(e.text)}（${String(e.type)}）`).join("、") || "∅", 60);
  }
  if (Array.isArray(gold.references)) return compactJson(String(gold.references[0] ?? ""), 60);
  return compactJson(gold, 40);
}
