import { getTranslations } from "next-intl/server";
import { FieldsView } from "@/components/ui/fields-view";
import type { RunItem, SuiteItemRow } from "@/lib/db/schema";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { messageRoles } from "./message-roles";

const itemStatuses = ["pending", "running", "done", "error"];
const outcomes = ["scored", "unparsed", "refused"];

interface Message {
  role?: unknown;
  content?: unknown;
}

/** One evaluated item exactly as sent and received; every string here is model output or dataset text. */
export async function RunItemDetail({
  item,
  suiteItem,
  subsetNames,
  locale,
}: {
  item: RunItem;
  suiteItem: SuiteItemRow;
  subsetNames?: SubsetNames;
  locale: string;
}) {
  const [t, tItems] = await Promise.all([getTranslations("runs.item"), getTranslations("runs.items")]);
  const roleLabel = (role: unknown) =>
    messageRoles.includes(role as "user") ? t(`roles.${role as "user"}`) : String(role);
  const messages = (item.messages ?? []) as Message[];
  return (
    <>
      <dl className="kv card">
        <dt>{t("status")}</dt>
        <dd>
          {itemStatuses.includes(item.status) ? tItems(`statuses.${item.status as "done"}`) : item.status}
          {item.outcome && outcomes.includes(item.outcome) ? ` · ${tItems(`outcomes.${item.outcome as "scored"}`)}` : ""}
        </dd>
        {suiteItem.subset && (
          <>
            <dt>{t("subset")}</dt>
            <dd title={suiteItem.subset}>{subsetName(subsetNames, suiteItem.subset, locale)}</dd>
          </>
        )}
        <dt>{t("sample")}</dt>
        <dd>{item.sample}</dd>
        <dt>{t("latency")}</dt>
        <dd>{item.latencyMs === null ? "—" : t("ms", { ms: item.latencyMs })}</dd>
        <dt>{t("tokens")}</dt>
        <dd data-testid="item-tokens">
          {t("tokenCounts", { prompt: item.promptTokens ?? "—", completion: item.completionTokens ?? "—" })}
        </dd>
        <dt>{t("cached")}</dt>
        <dd>{item.cached ? t("yes") : t("no")}</dd>
        <dt>{t("attempts")}</dt>
        <dd>{item.attempts}</dd>
      </dl>
      {item.error && (
        <div role="alert" className="notice notice-error">
          <p className="notice-title">{t("error")}</p>
          <p className="item-text" data-testid="item-error">
            {item.error}
          </p>
        </div>
      )}
      <h2>{t("messages")}</h2>
      {messages.length === 0 ? (
        <p className="muted">{t("noMessages")}</p>
      ) : (
        <ol className="messages" data-testid="item-messages">
          {messages.map((m, i) => (
            <li key={i} className={`message message-${String(m.role)}`}>
              <div className="message-role small">{roleLabel(m.role)}</div>
              <div className="item-text">{typeof m.content === "string" ? m.content : JSON.stringify(m.content)}</div>
            </li>
          ))}
        </ol>
      )}
      <h2>{t("raw")}</h2>
      <pre className="item-text code-block" data-testid="item-raw">
        {item.rawResponse ?? "—"}
      </pre>
      <h2>{t("parsed")}</h2>
      <FieldsView value={item.parsed} testId="item-parsed" />
      <h2>{t("gold")}</h2>
      <FieldsView value={suiteItem.gold} testId="item-gold" />
      <h2>{t("scores")}</h2>
      <FieldsView value={item.scores} testId="item-scores" />
    </>
  );
}
