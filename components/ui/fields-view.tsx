import { useTranslations } from "next-intl";

const KNOWN = new Set([
  "answer", "letter", "rule", "correct", "entities", "text", "type", "offset", "tp", "fp", "fn", "references",
  "value", "position", "greedy", "stigmaWhenAgree", "unparsedLines", "probs", "expected", "argmax",
]);

/**
 * A parse, gold answer or score as labelled fields for people: names in the page's language where known, numbers
 * and text as text, lists as lists, nested records as nested fields. Every string is shown as text.
 */
export function FieldsView({ value, testId }: { value: unknown; testId?: string }) {
  const t = useTranslations("itemFields");
  const label = (key: string) => (KNOWN.has(key) ? t(key as "answer") : key);
  const render = (v: unknown, depth: number): React.ReactNode => {
    if (v === null || v === undefined) return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(4);
    if (typeof v === "string") return <span className="item-text">{v}</span>;
    if (Array.isArray(v)) {
      if (v.length === 0) return t("none");
      if (v.every((x) => typeof x !== "object" || x === null)) return v.map((x) => render(x, depth + 1)).reduce<React.ReactNode[]>((acc, x, i) => (i ? [...acc, " · ", x] : [x]), []);
      return (
        <ol className="fields-list">
          {v.map((x, i) => (
            <li key={i}>{render(x, depth + 1)}</li>
          ))}
        </ol>
      );
    }
    if (depth > 4) return <span className="mono small">{JSON.stringify(v)}</span>;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return "—";
    return (
      <dl className="kv fields">
        {entries.map(([k, x]) => (
          <div key={k} className="field-pair">
            <dt>{label(k)}</dt>
            <dd>{render(x, depth + 1)}</dd>
          </div>
        ))}
      </dl>
    );
  };
  return (
    <div className="card" data-testid={testId}>
      {render(value, 0)}
    </div>
  );
}
