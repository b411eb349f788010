import { getTranslations } from "next-intl/server";
import type { TrainerShape } from "@/lib/tasks/trainer-example";

/** Download links for the suite as TRL or LLaMA-Factory training data (streamed by the API). */
export async function TrainingExport({ suiteId, shape }: { suiteId: string; shape: TrainerShape }) {
  const t = await getTranslations("trainerExport");
  const base = `/api/suites/${encodeURIComponent(suiteId)}/training-export`;
  return (
    <section className="card" aria-labelledby="training-export" data-testid="training-export">
      <h2 id="training-export">{t("title")}</h2>
      <p className="small muted">{t(`shape.${shape}`)}</p>
      <div className="actions">
        <a className="button" href={`${base}?format=trl`} download>
          {t("trl")}
        </a>
        <a className="button" href={`${base}?format=llamafactory`} download>
          {t("llamafactory")}
        </a>
        <a className="button" href={`${base}?format=llamafactory&part=dataset_info`} download>
          {t("datasetInfo")}
        </a>
      </div>
      <p className="small muted">{t("warning")}</p>
    </section>
  );
}
