import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("error");
  return (
    <>
      <h1>{t("notFound")}</h1>
      <p>
        <Link href="/">←</Link>
      </p>
    </>
  );
}
