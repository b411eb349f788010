"use client";

import { useTranslations } from "next-intl";

const known = new Set(["openai", "baseline", "browser", "onnx-local"]);

export function ProviderBadge({ provider }: { provider: string }) {
  const t = useTranslations("models");
  const label = known.has(provider) ? t(`provider.${provider as "openai"}`) : provider;
  return <span className={`badge badge-provider-${provider}`}>{label}</span>;
}
