"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, type Locale, localeNames as names, locales } from "@/lib/i18n/locale";

export function LocaleSwitch({ current, label }: { current: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function choose(locale: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
    startTransition(() => router.refresh());
  }
  return (
    <div className="locale-switch" role="group" aria-label={label}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() => choose(locale)}
        >
          {names[locale]}
        </button>
      ))}
    </div>
  );
}
