"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { cachedPaths } from "@/lib/browser/model-cache";
import { pathInModel } from "@/lib/browser/model-files";
import type { ModelSource } from "@/lib/browser/worker-protocol";

/** Where to load a browser model from: its cache, the URL it was registered with, or files picked now. */
export function ModelPicker({
  modelId,
  url,
  disabled,
  onLoad,
}: {
  modelId: string;
  url: string | null;
  disabled: boolean;
  onLoad: (source: ModelSource, forceWasm: boolean) => void;
}) {
  const t = useTranslations("browser");
  const [cached, setCached] = useState(false);
  const [forceWasm, setForceWasm] = useState(false);
  const [files, setFiles] = useState<{ path: string; file: File }[]>([]);
  useEffect(() => {
    cachedPaths(modelId).then((paths) => setCached(paths.length > 0), () => setCached(false));
  }, [modelId]);
  const pick = (list: FileList | null) =>
    setFiles([...(list ?? [])].map((file) => ({ path: pathInModel(file.webkitRelativePath, file.name), file })));

  return (
    <div className="form-grid">
      {!url && (
        <>
          <label className="field-control">
            <span className="field-label">{t("pickFolder")}</span>
            {/* webkitdirectory is missing from React's input types. */}
            <input type="file" data-testid="model-folder" {...{ webkitdirectory: "" }} onChange={(e) => pick(e.target.files)} />
          </label>
          <label className="field-control">
            <span className="field-label">{t("pickFiles")}</span>
            <input type="file" multiple data-testid="model-files" onChange={(e) => pick(e.target.files)} />
          </label>
        </>
      )}
      <label>
        <input type="checkbox" checked={forceWasm} onChange={(e) => setForceWasm(e.target.checked)} data-testid="force-wasm" /> {t("forceWasm")}
      </label>
      <div className="actions">
        {url && (
          <button type="button" className="button button-primary" disabled={disabled} onClick={() => onLoad({ kind: "url", url }, forceWasm)}>
            {t("loadFromUrl", { url })}
          </button>
        )}
        {!url && (
          <button
            type="button"
            className="button button-primary"
            data-testid="load-files"
            disabled={disabled || files.length === 0}
            onClick={() => onLoad({ kind: "files", files }, forceWasm)}
          >
            {t("start")}
          </button>
        )}
        {cached && (
          <button type="button" className="button" data-testid="load-cache" disabled={disabled} onClick={() => onLoad({ kind: "cache" }, forceWasm)}>
            {t("loadFromCache")}
          </button>
        )}
      </div>
    </div>
  );
}
