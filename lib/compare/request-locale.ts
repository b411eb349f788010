import { LOCALE_COOKIE, type Locale, pickLocale } from "@/lib/i18n/locale";

/** The locale an API request asks for (the same cookie and Accept-Language the pages use): suite names follow it. */
export function requestLocale(request: Request): Locale {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return pickLocale({ cookie, acceptLanguage: request.headers.get("accept-language") });
}
