import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DevicePanel } from "@/components/browser/device-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("browser"))("deviceTitle") };
}

/** This device: the browser's cached model files, and its measured in-browser speed. */
export default async function DevicePage() {
  const t = await getTranslations("browser");
  return (
    <>
      <h1>{t("deviceTitle")}</h1>
      <DevicePanel />
    </>
  );
}
