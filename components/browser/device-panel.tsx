"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useDeviceBenchmarks, useSaveDeviceBenchmark } from "@/lib/api/browser";
import { useModels } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { LocalTime } from "@/components/ui/local-time";
import { InferenceClient } from "@/lib/browser/inference-client";
import { type CachedModel, clearCachedModel, listCachedModels } from "@/lib/browser/model-cache";
import { formatBytes } from "@/lib/format-bytes";
import type { DeviceStats } from "@/lib/validation/browser";
import { DeviceStatsList } from "./device-stats";

/** Decode steps "measure this device" times (npm run bench -- --browser decodes as many). */
export const BENCH_TOKENS = 64;

/** This device's page: the model files cached in this browser, and "measure this device". */
export function DevicePanel() {
  const t = useTranslations("browser");
  const models = useModels();
  const benchmarks = useDeviceBenchmarks();
  const save = useSaveDeviceBenchmark();
  const [cached, setCached] = useState<CachedModel[]>([]);
  const [measuring, setMeasuring] = useState(false);
  const [result, setResult] = useState<DeviceStats | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const refresh = useCallback(() => void listCachedModels().then(setCached, () => setCached([])), []);
  useEffect(refresh, [refresh]);
  const nameOf = (id: string) => models.data?.find((m) => m.id === id)?.name ?? id;
  const [chosen, setChosen] = useState("");
  const target = chosen || cached[0]?.modelId || "";

  async function measure() {
    setMeasuring(true);
    setError(null);
    const worker = new InferenceClient();
    try {
      const loaded = await worker.load(target, { kind: "cache" });
      const bench = await worker.bench(BENCH_TOKENS);
      const device: DeviceStats = {
        ...loaded.device,
        loadMs: Math.round(loaded.loadMs),
        prefillTokensPerSecond: bench.prefillTokensPerSecond,
        decodeTokensPerSecond: bench.decodeTokensPerSecond,
        memoryBytes: bench.memoryBytes === null ? null : Math.round(bench.memoryBytes),
      };
      setResult(device);
      const known = models.data?.some((m) => m.id === target);
      await save.mutateAsync({ modelId: known ? target : null, device });
    } catch (e) {
      setError(e as Error);
    } finally {
      worker.terminate();
      setMeasuring(false);
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="cache-title">
        <h2 id="cache-title">{t("cacheTitle")}</h2>
        {cached.length === 0 && <p data-testid="cache-empty">{t("cacheEmpty")}</p>}
        <ul data-testid="cache-list">
          {cached.map((c) => (
            <li key={c.modelId}>
              {nameOf(c.modelId)}: {t("cacheModel", { files: c.files, size: formatBytes(c.bytes) })}{" "}
              <button type="button" className="button" onClick={() => void clearCachedModel(c.modelId).then(refresh)}>
                {t("clear")}
              </button>
            </li>
          ))}
        </ul>
        {cached.length > 0 && (
          <button type="button" className="button" data-testid="cache-clear-all" onClick={() => void clearCachedModel().then(refresh)}>
            {t("clearAll")}
          </button>
        )}
      </section>
      <section className="card" aria-labelledby="measure-title">
        <h2 id="measure-title">{t("measureTitle")}</h2>
        <p className="small muted">{t("measureHint", { tokens: BENCH_TOKENS })}</p>
        {cached.length > 0 && (
          <div className="form-row">
            <label className="field-control">
              <span className="field-label">{t("measureModel")}</span>
              <select value={target} onChange={(e) => setChosen(e.target.value)}>
                {cached.map((c) => (
                  <option key={c.modelId} value={c.modelId}>
                    {nameOf(c.modelId)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button button-primary" data-testid="measure" disabled={measuring || !target} onClick={() => void measure()}>
              {measuring ? t("measuring") : t("measure")}
            </button>
          </div>
        )}
        {result && <DeviceStatsList device={result} />}
        <ApiErrorView error={error ?? save.error} />
        <h3>{t("measurements")}</h3>
        <ApiErrorView error={benchmarks.error} />
        {benchmarks.data?.length === 0 && <p>{t("noMeasurements")}</p>}
        <table className="table" data-testid="device-benchmarks">
          <tbody>
            {benchmarks.data?.map((b) => (
              <tr key={b.id}>
                <td>
                  <LocalTime iso={b.createdAt} />
                </td>
                <td>{b.modelName ?? "–"}</td>
                <td>{b.device.backend === "webgpu" ? `WebGPU · ${b.device.adapter ?? ""}` : t("wasm")}</td>
                <td>{t("tokensPerSecond", { value: (b.device.decodeTokensPerSecond ?? 0).toFixed(1) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
