"use client";

import { useTranslations } from "next-intl";
import type { RunOrigin } from "@/lib/db/schema";

/** Where an imported run came from: its file or instance, and when it was exported there. */
export function RunOriginNote({ origin }: { origin: RunOrigin | null | undefined }) {
  const t = useTranslations("share.export");
  if (!origin) return null;
  const source = [origin.file, origin.instance].filter(Boolean).join(" · ") || t("unknownSource");
  return (
    <p className="notice small" data-testid="run-origin">
      {t("origin", { source, date: origin.exportedAt ? `${origin.exportedAt.slice(0, 16).replace("T", " ")} UTC` : "—" })}
    </p>
  );
}
