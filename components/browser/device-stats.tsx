"use client";

import { useTranslations } from "next-intl";
import { formatBytes } from "@/lib/format-bytes";
import type { DeviceStats } from "@/lib/validation/browser";

const speed = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** Where a browser run generated and how fast: device, threads, load time, prefill and decode speed, memory. */
export function DeviceStatsList({ device }: { device: DeviceStats }) {
  const t = useTranslations("browser");
  // Not measured yet (no answer longer than one token): a dash, not "– tokens/s".
  const perSecond = (v: number | null) => (v === null ? "–" : t("tokensPerSecond", { value: speed(v) }));
  return (
    <dl className="kv" data-testid="device-stats">
      <dt>{t("device")}</dt>
      <dd data-testid="device-backend" data-backend={device.backend}>
        {device.backend === "webgpu" ? `WebGPU · ${device.adapter ?? ""}` : t("wasm")} · {t("threads", { count: device.threads })}
      </dd>
      {device.loadMs !== null && (
        <>
          <dt>{t("loadTime")}</dt>
          <dd>{(device.loadMs / 1000).toFixed(1)} s</dd>
        </>
      )}
      <dt>{t("prefill")}</dt>
      <dd>{perSecond(device.prefillTokensPerSecond)}</dd>
      <dt>{t("decode")}</dt>
      <dd data-testid="decode-speed">{perSecond(device.decodeTokensPerSecond)}</dd>
      {device.memoryBytes !== null && (
        <>
          <dt>{t("memory")}</dt>
          <dd>{formatBytes(device.memoryBytes)}</dd>
        </>
      )}
    </dl>
  );
}
