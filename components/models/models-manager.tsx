"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useModels } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { ModelCard } from "./model-card";
import { BrowserModelForm } from "@/components/browser/browser-model-form";
import { ModelForm } from "./model-form";
import { OnnxModelForm } from "./onnx-model-form";

export function ModelsManager() {
  const t = useTranslations("models");
  const tb = useTranslations("browser");
  const models = useModels();
  const [kind, setKind] = useState<"server" | "onnx">("server");
  return (
    <>
      <section aria-labelledby="models-list">
        <h2 id="models-list">{t("listTitle")}</h2>
        {models.isPending && <p className="muted">{t("loading")}</p>}
        <ApiErrorView error={models.error} />
        {models.data?.length === 0 && <p>{t("empty")}</p>}
        <ul className="card-list" data-testid="models-list">
          {models.data?.map((model) => (
            <ModelCard key={model.id} model={model} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="models-add" className="card">
        <h2 id="models-add">{t("addTitle")}</h2>
        <fieldset className="form-row">
          <legend>{t("kind")}</legend>
          {(["server", "onnx"] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="model-kind" checked={kind === k} onChange={() => setKind(k)} />{" "}
              {t(k === "server" ? "kindServer" : "kindOnnx")}
            </label>
          ))}
        </fieldset>
        {kind === "server" ? <ModelForm /> : <OnnxModelForm />}
      </section>
      <section aria-labelledby="models-add-browser" className="card">
        <h2 id="models-add-browser">{tb("addTitle")}</h2>
        <BrowserModelForm />
        <p className="small">
          <Link href="/device">{tb("deviceLink")}</Link>
        </p>
      </section>
    </>
  );
}
