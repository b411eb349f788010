"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useModels } from "@/lib/api/models";
import { isActiveStatus, useDeleteRun, useRerun, useUpdateRun } from "@/lib/api/runs";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

/** Label, re-run on another model with the same settings, delete. */
export function RunManage({ id, status, label, modelId }: { id: string; status: string; label: string | null; modelId: string }) {
  const t = useTranslations("runs.actions");
  const router = useRouter();
  const models = useModels();
  const update = useUpdateRun(id);
  const rerun = useRerun(id);
  const remove = useDeleteRun(id);
  const [draft, setDraft] = useState(label ?? "");
  const others = (models.data ?? []).filter((m) => m.id !== modelId && (m.provider === "openai" || m.provider === "baseline"));
  const [target, setTarget] = useState("");
  const chosen = target || others[0]?.id || "";

  async function saveLabel(event: FormEvent) {
    event.preventDefault();
    await update.mutateAsync({ label: draft.trim() || null }).catch(() => {});
  }
  async function startRerun(event: FormEvent) {
    event.preventDefault();
    const run = await rerun.mutateAsync({ modelId: chosen }).catch(() => null);
    if (run) router.push(`/runs/${run.id}`);
  }
  async function deleteRun() {
    if (!window.confirm(t("deleteConfirm"))) return;
    if (await remove.mutateAsync().then(() => true, () => false)) router.push("/runs");
  }

  return (
    <section className="card run-manage" aria-label={t("title")}>
      <form className="form-row" onSubmit={saveLabel}>
        <Field label={t("label")}>
          <input type="text" maxLength={200} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="label-input" />
        </Field>
        <button type="submit" className="button" disabled={update.isPending}>
          {t("saveLabel")}
        </button>
      </form>
      <form className="form-row" onSubmit={startRerun}>
        <Field label={t("rerunModel")}>
          <select value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="rerun-model">
            {others.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button" disabled={!chosen || rerun.isPending}>
          {t("rerunStart")}
        </button>
      </form>
      <div className="actions">
        <button type="button" className="button button-danger" disabled={isActiveStatus(status) || remove.isPending} onClick={deleteRun}>
          {t("delete")}
        </button>
      </div>
      <ApiErrorView error={update.error ?? rerun.error ?? remove.error ?? models.error} />
    </section>
  );
}
