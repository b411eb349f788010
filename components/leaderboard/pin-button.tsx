"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ApiErrorView } from "@/components/ui/api-error";
import { callApi } from "@/lib/api/fetcher";

/** Pins a finished run to its leaderboard cell, or removes the pin; the page re-renders from the server. */
export function PinButton({ runId, pinned }: { runId: string; pinned: boolean }) {
  const t = useTranslations("modelPage");
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () =>
      pinned
        ? callApi(`/api/leaderboard/pins/${runId}`, { method: "DELETE" })
        : callApi("/api/leaderboard/pins", { method: "POST", json: { runId } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      <button type="button" className="button" disabled={mutation.isPending} onClick={() => mutation.mutate()} data-testid="pin-button">
        {pinned ? t("unpin") : t("pin")}
      </button>
      <ApiErrorView error={mutation.error} />
    </>
  );
}
