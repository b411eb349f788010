import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Suite } from "@/lib/db/schema";
import type { FileInspection } from "@/lib/suites/importers/user-upload";
import type { SuiteItem } from "@/lib/suites/types";
import type { IdCheck } from "@/lib/suite-store/upload";
import { callApi } from "./fetcher";
import type { Serialized } from "./runs";

export type SuiteRow = Serialized<Omit<Suite, "config">>;
export type { FileInspection, IdCheck };
export interface ImportPreview {
  ok: true;
  total: number;
  items: SuiteItem[];
  warnings: string[];
  entityTypes?: { id: string; label: string }[];
  idCheck: IdCheck;
}
export interface ImportResult {
  id: string;
  items: number;
  warnings: string[];
  result: "created" | "replaced" | "unchanged";
}
/** One problem in an uploaded file, as the server names it. */
export interface ImportIssue {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function useSuites() {
  return useQuery({
    queryKey: ["suites"],
    queryFn: () => callApi<{ suites: SuiteRow[] }>("/api/suites").then((body) => body.suites),
  });
}

function upload<T>(form: FormData, mode: "" | "?preview=1" | "?inspect=1"): Promise<T> {
  return callApi<T>(`/api/suites/import${mode}`, { method: "POST", body: form });
}

export function useInspectFile() {
  return useMutation({ mutationFn: (form: FormData) => upload<FileInspection>(form, "?inspect=1") });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (form: FormData) => upload<ImportPreview>(form, "?preview=1") });
}

export function useImportSuite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => upload<ImportResult>(form, ""),
    onSuccess: () => client.invalidateQueries({ queryKey: ["suites"] }),
  });
}

export function useRenameSuite(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: { en: string; zh: string }) =>
      callApi<{ id: string }>(`/api/suites/${encodeURIComponent(id)}`, { method: "PATCH", json: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["suites"] }),
  });
}

export function useDeleteSuite(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi<{ id: string; deletedRuns: number }>(`/api/suites/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["suites"] }),
  });
}
