import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Suite } from "@/lib/db/schema";
import type { SuiteItem } from "@/lib/suites/types";
import { callApi } from "./fetcher";
import type { Serialized } from "./runs";

export type SuiteRow = Serialized<Omit<Suite, "config">>;
export interface ImportPreview {
  ok: true;
  total: number;
  items: SuiteItem[];
  warnings: string[];
}
export interface ImportResult {
  id: string;
  items: number;
  warnings: string[];
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

function upload<T>(form: FormData, preview: boolean): Promise<T> {
  return callApi<T>(`/api/suites/import${preview ? "?preview=1" : ""}`, { method: "POST", body: form });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (form: FormData) => upload<ImportPreview>(form, true) });
}

export function useImportSuite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => upload<ImportResult>(form, false),
    onSuccess: () => client.invalidateQueries({ queryKey: ["suites"] }),
  });
}
