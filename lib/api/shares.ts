"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShareKind } from "@/lib/share/kinds";
import type { ShareLinkSummary } from "@/lib/share/links";
import { callApi } from "./fetcher";

export type { ShareLinkSummary };

export interface NewShare {
  kind: ShareKind;
  target: Record<string, unknown>;
  includeItems: boolean;
  public: boolean;
  label: string | null;
  expiresInDays: number | null;
}

export function useMyShares() {
  return useQuery({ queryKey: ["shares"], queryFn: () => callApi<{ links: ShareLinkSummary[] }>("/api/shares").then((b) => b.links) });
}

export function useCreateShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewShare) => callApi<{ token: string; path: string; link: ShareLinkSummary }>("/api/shares", { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["shares"] }),
  });
}

export function useRevokeShare() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi<{ link: ShareLinkSummary }>(`/api/shares/${id}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: ["shares"] }),
  });
}

export function useImportRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set("file", file);
      return callApi<{ runId: string; metrics: Record<string, number> }>("/api/runs/import", { method: "POST", body: form });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs"] }),
  });
}
