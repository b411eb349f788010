import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditFilter, ScaleComparison } from "@/lib/audit/comparison";
import { callApi } from "./fetcher";

export const auditKeys = {
  all: ["audits"] as const,
  comparison: (scale: string, filter: AuditFilter) => ["audits", "comparison", scale, filter.key, filter.missing] as const,
};

export function fetchScaleComparison(scale: string, filter: AuditFilter): Promise<ScaleComparison> {
  const query = new URLSearchParams({ scale, key: filter.key, missing: filter.missing });
  return callApi<ScaleComparison>(`/api/audits?${query}`);
}

/** One scale's comparison; the server-rendered data seeds the cache for the filter it was rendered with. */
export function useScaleComparison(initial: ScaleComparison, filter: AuditFilter) {
  const isInitial = filter.key === initial.filter.key && filter.missing === initial.filter.missing;
  return useQuery({
    queryKey: auditKeys.comparison(initial.scale.id, filter),
    queryFn: () => fetchScaleComparison(initial.scale.id, filter),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
}
