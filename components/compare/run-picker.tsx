import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";

export interface PickableRun {
  id: string;
  modelName: string;
  label: string | null;
  createdAt: string;
}

/** Finished runs of one suite as checkboxes in a GET form: ticking two or more opens their comparison. */
export async function RunPicker({ runs, selected }: { runs: PickableRun[]; selected: string[] }) {
  const t = await getTranslations("compare");
  return (
    <section className="card" aria-labelledby="compare-pick">
      <h2 id="compare-pick">{t("pickTitle")}</h2>
      <p className="small muted">{t("pickIntro")}</p>
      <form method="get" data-testid="run-picker">
        <ul className="plain-list">
          {runs.map((run) => (
            <li key={run.id}>
              <label>
                <input type="checkbox" name="runs" value={run.id} defaultChecked={selected.includes(run.id)} /> {run.modelName}
                {run.label && <span className="muted"> · {run.label}</span>}
                <span className="small muted">
                  {" "}
                  · <LocalTime iso={run.createdAt} />
                </span>
              </label>
            </li>
          ))}
        </ul>
        <button type="submit">{t("pickSubmit")}</button>
      </form>
    </section>
  );
}
