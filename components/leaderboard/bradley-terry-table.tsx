import { getTranslations } from "next-intl/server";
import type { BradleyTerryRanking } from "@/lib/scoring/bradley-terry";

/** Bradley–Terry ratings (Elo-like scale) with 95% bootstrap intervals and the judgements behind each. */
export async function BradleyTerryTable({ ranking }: { ranking: BradleyTerryRanking }) {
  const t = await getTranslations("preference");
  if (ranking.ranking.length === 0) return <p className="muted">{t("noJudgements")}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="bt-ranking">
        <caption className="small muted">{t("rankingCaption", { n: ranking.judgements })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("model")}</th>
            <th scope="col" className="num">{t("rating")}</th>
            <th scope="col" className="num">{t("interval")}</th>
            <th scope="col" className="num">{t("judgements")}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.ranking.map((r, i) => (
            <tr key={r.name}>
              <td>{i + 1}</td>
              <th scope="row">{r.name}</th>
              <td className="num">{Math.round(r.rating)}</td>
              <td className="num">{r.interval ? `${Math.round(r.interval[0])} – ${Math.round(r.interval[1])}` : "—"}</td>
              <td className="num">{r.judgements}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
