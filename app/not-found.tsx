import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const [t, nav] = await Promise.all([getTranslations("error"), getTranslations("nav")]);
  const links = [
    ["/", nav("leaderboard")],
    ["/runs", nav("runs")],
    ["/models", nav("models")],
    ["/audits", nav("audits")],
    ["/suites", nav("suites")],
  ] as const;
  return (
    <section data-testid="not-found">
      <h1>{t("notFound")}</h1>
      <p>{t("notFoundHint")}</p>
      <ul className="plain-list">
        {links.map(([href, text]) => (
          <li key={href}>
            <Link href={href}>{text}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
