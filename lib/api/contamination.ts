import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ContaminationReport } from "@/lib/contamination/report";
import type { PublicIndex } from "@/lib/contamination/store";
import { callApi } from "./fetcher";
import type { Serialized } from "./runs";

export type ContaminationIndexRow = Serialized<PublicIndex>;
export type { ContaminationReport };

export function useContaminationIndexes() {
  return useQuery({
    queryKey: ["contamination-indexes"],
    queryFn: () => callApi<{ indexes: ContaminationIndexRow[] }>("/api/contamination").then((b) => b.indexes),
    // An upload is indexed in the background: poll while any index is building, to show it ready or failed.
    refetchInterval: (query) => (query.state.data?.some((i) => i.status === "building") ? 1_500 : false),
  });
}

export function useContaminationReport(suiteId: string, indexId: string | null) {
  return useQuery({
    queryKey: ["contamination-report", suiteId, indexId],
    enabled: indexId !== null,
    queryFn: () =>
      callApi<ContaminationReport>(`/api/suites/${encodeURIComponent(suiteId)}/contamination?index=${encodeURIComponent(indexId!)}`),
  });
}

/** Sends the corpus file as the raw body (streamed to disk by the server); answers at once, the index building. */
export function useIndexCorpus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name, n, format }: { file: File; name: string; n: number; format: "jsonl" | "text" }) =>
      callApi<{ index: ContaminationIndexRow }>(`/api/contamination?${new URLSearchParams({ name, n: String(n), format })}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["contamination-indexes"] }),
  });
}

export function useDeleteIndex() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi<{ deleted: true }>(`/api/contamination/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["contamination-indexes"] }),
  });
}
