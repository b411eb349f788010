"use client";

import { useLocale } from "next-intl";

/** A timestamp in the reader's time zone; the server's rendering may differ, hence no hydration warning. */
export function LocalTime({ iso }: { iso: string | null | undefined }) {
  const locale = useLocale();
  if (!iso) return <>—</>;
  const date = new Date(iso);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
