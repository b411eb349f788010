import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrowserRunner } from "@/components/browser/browser-runner";
import { getAppDb } from "@/lib/app-db";
import { getRunView } from "@/lib/runner/run-view";

export const dynamic = "force-dynamic";

/** A browser model's run, generated in this tab (cross-origin isolated: see lib/auth/security-headers.ts). */
export default async function BrowserRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [t, view] = await Promise.all([getTranslations("browser"), getRunView(await getAppDb(), id)]);
  if (!view) notFound();
  const { run, model, progress } = view;
  return (
    <>
      <p className="small">
        <Link href={`/runs/${run.id}`}>← {model.name}</Link>
      </p>
      <h1>{model.name}</h1>
      {model.provider === "browser" ? (
        <BrowserRunner
          runId={run.id}
          modelId={model.id}
          url={model.sourceUrl}
          initial={{ status: run.status, progress }}
        />
      ) : (
        <p>{t("notBrowser")}</p>
      )}
    </>
  );
}
