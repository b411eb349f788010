"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { browserRunApi, releaseOnClose } from "@/lib/api/browser";
import { ApiErrorView } from "@/components/ui/api-error";
import { InferenceClient, type Loaded, WorkerStoppedError } from "@/lib/browser/inference-client";
import { emptySpeeds, type RunState, runBrowserLoop, type Speeds } from "@/lib/browser/run-loop";
import { perSecond, type ModelSource } from "@/lib/browser/worker-protocol";
import { formatBytes } from "@/lib/format-bytes";
import type { DeviceStats } from "@/lib/validation/browser";
import { DeviceStatsList } from "./device-stats";
import { ModelPicker } from "./model-picker";

type Phase = "idle" | "loading" | "running" | "waiting" | "finished" | "stopped";

function deviceStats(loaded: Loaded, speeds: Speeds, memoryBytes: number | null): DeviceStats {
  return {
    ...loaded.device,
    loadMs: Math.round(loaded.loadMs),
    prefillTokensPerSecond: perSecond(speeds.promptTokens, speeds.prefillMs),
    decodeTokensPerSecond: perSecond(speeds.decodeTokens, speeds.decodeMs),
    memoryBytes: memoryBytes === null ? null : Math.round(memoryBytes),
  };
}

/** The run page of a browser model: loads the model into a worker and works through the run's queue. */
export function BrowserRunner({ runId, modelId, url, initial }: { runId: string; modelId: string; url: string | null; initial: RunState }) {
  const t = useTranslations("browser");
  // One id per open page: two tabs are two owners and never hold the same item.
  const tab = useMemo(() => crypto.randomUUID(), []);
  const [phase, setPhase] = useState<Phase>(initial.status === "running" || initial.status === "queued" ? "idle" : "finished");
  const [state, setState] = useState<RunState>(initial);
  const [progress, setProgress] = useState<{ file: string; loaded: number; total: number | null } | null>(null);
  const [device, setDevice] = useState<DeviceStats | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const stop = useRef<AbortController | null>(null);
  const client = useRef<InferenceClient | null>(null);

  useEffect(() => {
    const onHide = () => {
      if (stop.current && !stop.current.signal.aborted) releaseOnClose(runId, tab);
    };
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      stop.current?.abort();
      client.current?.terminate();
    };
  }, [runId, tab]);

  async function start(source: ModelSource, forceWasm: boolean) {
    setError(null);
    setPhase("loading");
    client.current?.terminate();
    const worker = new InferenceClient((file, loaded, total) => setProgress({ file, loaded, total }));
    client.current = worker;
    const abort = new AbortController();
    stop.current = abort;
    try {
      const loaded = await worker.load(modelId, source, forceWasm);
      setProgress(null);
      let speeds: Speeds = emptySpeeds;
      const current = () => deviceStats(loaded, speeds, worker.memoryBytes ?? loaded.memoryBytes);
      setDevice(current());
      setPhase("running");
      const last = await runBrowserLoop({
        api: browserRunApi(runId, tab),
        generate: (item) => worker.generate(item),
        device: current,
        onState: (s, waiting) => {
          setState(s);
          setPhase(waiting ? "waiting" : "running");
        },
        onSpeeds: (s) => {
          speeds = s;
          setDevice(current());
        },
        signal: abort.signal,
        fatal: (e) => e instanceof WorkerStoppedError,
      });
      setPhase(abort.signal.aborted ? "stopped" : "finished");
      setState(last);
    } catch (e) {
      setError(e as Error);
      setPhase("stopped");
    } finally {
      worker.terminate();
    }
  }

  const p = state.progress;
  return (
    <section className="card" aria-labelledby="browser-run">
      <h2 id="browser-run">{t("runTitle")}</h2>
      <p className="small muted">{t("pausedNote")}</p>
      <p data-testid="browser-phase" data-phase={phase}>
        {t(`state.${phase}`)}
      </p>
      <p data-testid="browser-progress">{t("progress", { done: p.done, total: p.total, errors: p.errors })}</p>
      {(phase === "idle" || phase === "stopped") && state.status !== "cancelled" && (
        <ModelPicker modelId={modelId} url={url} disabled={false} onLoad={(source, forceWasm) => void start(source, forceWasm)} />
      )}
      {phase === "loading" && progress && (
        <p className="small" data-testid="load-progress">
          {progress.total
            ? t("loadingOf", { file: progress.file, loaded: formatBytes(progress.loaded), total: formatBytes(progress.total) })
            : t("loading", { file: progress.file, loaded: formatBytes(progress.loaded) })}
        </p>
      )}
      {(phase === "running" || phase === "waiting") && (
        <button type="button" className="button" onClick={() => stop.current?.abort()}>
          {t("stop")}
        </button>
      )}
      {device && <DeviceStatsList device={device} />}
      <ApiErrorView error={error} />
    </section>
  );
}
