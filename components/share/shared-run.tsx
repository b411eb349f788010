import { getLocale, getTranslations } from "next-intl/server";
import { formatInterval, formatMetric } from "@/components/runs/format";
import { localized } from "@/lib/i18n/locale";
import type { SharedMetric, SharedRunView } from "@/lib/share/projection";
import { HeadlineChart } from "./headline-chart";
import { metricNames } from "./metric-names";
import { subsetName } from "@/lib/suites/subset-names";

const dash = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

function MetricTable({ metrics, taskKind, names, testId }: { metrics: SharedMetric[]; taskKind: string; names: Record<string, string>; testId: string }) {
  return (
    <tbody data-testid={testId}>
      {metrics.map((m) => (
        <tr key={m.name}>
          <th scope="row">{names[m.name] ?? m.name}</th>
          <td className="mono">{formatMetric(m.value, taskKind)}</td>
          <td className="mono">{formatInterval(m.ci ?? undefined, taskKind)}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** Headline numbers (table and chart), the settings behind them, and the per-subset numbers of a shared run. */
export async function SharedRunSections({ view }: { view: SharedRunView }) {
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  const s = view.settings;
  const names = await metricNames([...view.metrics.map((m) => m.name), ...view.bySubset.flatMap((b) => b.metrics.map((m) => m.name))]);
  const scale = s.taskKind === "scale";
  const date = new Date(s.date).toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const settingRows: [string, string][] = [
    [t("model"), s.model],
    [t("provider"), s.provider],
    [t("suite"), `${localized(s.suiteName, locale)} (${s.suiteId})`],
    [t("version"), s.suiteVersion],
    [t("template"), dash(s.template)],
    [t("systemPrompt"), s.systemPrompt ? t("yes") : t("no")],
    ...(scale ? [] : ([[t("shots"), dash(s.shots)]] as [string, string][])),
    [t("samples"), dash(s.samples)],
    [t("decoding"), t("decodingValue", { temperature: dash(s.temperature), topP: dash(s.topP), maxTokens: dash(s.maxTokens), seed: dash(s.seed) })],
    [t("answerMode"), dash(s.answerMode)],
    ...(scale
      ? ([
          [t("scoringKey"), dash(s.scoringKey)],
          [t("scaleVariant"), [s.instruction, s.order, s.labels, s.missing].map(dash).join(" / ")],
        ] as [string, string][])
      : ([[t("tokenizer"), dash(s.tokenizer)]] as [string, string][])),
    ...(s.taskKind === "perplexity"
      ? ([
          [t("contextChars"), dash(s.contextChars)],
          [t("strideChars"), dash(s.strideChars)],
        ] as [string, string][])
      : []),
    [t("sample"), s.limit ? t("sampleLimit", { n: s.limit }) : t("sampleAll")],
    ...(s.subsets?.length ? ([[t("subsets"), s.subsets.map((x) => subsetName(view.subsetNames, x, locale)).join(", ")]] as [string, string][]) : []),
    [t("date"), date],
    [t("status"), `${view.status} · ${t("counts", view.counts)}`],
  ];
  return (
    <>
      <section aria-labelledby="share-headline">
        <h2 id="share-headline">{t("headline")}</h2>
        <p className="small muted">{scale ? t("scaleUnits") : s.taskKind === "perplexity" ? t("bitsUnits") : t("percentUnits")}</p>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("metric")}</th>
                <th scope="col">{t("value")}</th>
                <th scope="col">{t("interval")}</th>
              </tr>
            </thead>
            <MetricTable metrics={view.metrics} taskKind={s.taskKind} names={names} testId="share-metrics" />
          </table>
        </div>
        <figure className="card">
          <HeadlineChart metrics={view.metrics} taskKind={s.taskKind} title={t("chart")} names={names} />
          <figcaption className="small muted">{t("chart")}</figcaption>
        </figure>
      </section>
      <section aria-labelledby="share-settings">
        <h2 id="share-settings">{t("settings")}</h2>
        {s.imported && <p className="small">{t("imported", { date: dash(s.imported.exportedAt) })}</p>}
        <dl className="card" data-testid="share-settings">
          {settingRows.map(([name, value]) => (
            <div key={name}>
              <dt className="small muted">{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {view.bySubset.length > 0 && (
        <section aria-labelledby="share-subsets">
          <h2 id="share-subsets">{t("bySubset")}</h2>
          <div className="table-scroll">
            <table data-testid="share-subsets">
              <thead>
                <tr>
                  <th scope="col">{t("subset")}</th>
                  <th scope="col">{t("metric")}</th>
                  <th scope="col">{t("value")}</th>
                  <th scope="col">{t("interval")}</th>
                </tr>
              </thead>
              <tbody>
                {view.bySubset.flatMap((b) =>
                  b.metrics.map((m, i) => (
                    <tr key={`${b.subset}/${m.name}`}>
                      <th scope="row">{i === 0 ? subsetName(view.subsetNames, b.subset, locale) : ""}</th>
                      <td>{names[m.name] ?? m.name}</td>
                      <td className="mono">{formatMetric(m.value, s.taskKind)}</td>
                      <td className="mono">{formatInterval(m.ci ?? undefined, s.taskKind)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
