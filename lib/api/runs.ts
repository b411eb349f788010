import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Run } from "@/lib/db/schema";
import type { RunProgress } from "@/lib/db/queries/run-items";
import type { RunPreview } from "@/lib/runner/preview-run";
import type { RunView } from "@/lib/runner/run-view";
import type { RunSettingsInput } from "@/lib/runner/settings";
import { callApi } from "./fetcher";

/** What a value looks like after a JSON round trip: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

export type RunViewData = Serialized<RunView>;
export type RunRow = Serialized<Run> & {
  modelName: string;
  provider: string;
  suiteName: { en: string; zh: string };
  taskKind: string;
  progress: Pick<RunProgress, "done" | "errors" | "itemsRun">;
};
export type RunItemFilter = "all" | "wrong" | "error" | "unparsed" | "refused";
export interface RunItemsQuery {
  page: number;
  pageSize: number;
  filter: RunItemFilter;
  subset: string;
}
export interface RunItemRow {
  id: number;
  sample: number;
  status: string;
  outcome: string | null;
  rawResponse: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  latencyMs: number | null;
  error: string | null;
  cached: boolean;
  externalId: string;
  subset: string | null;
  gold: Record<string, unknown>;
}
export interface RunItemsPage extends RunItemsQuery {
  total: number;
  subsets: string[];
  items: RunItemRow[];
}
export type RunAction = "cancel" | "resume" | "retry-errors";

import { isActiveStatus } from "@/lib/run-status";
export { isActiveStatus };

export function useRuns() {
  return useQuery({
    queryKey: ["runs"],
    queryFn: () => callApi<{ runs: RunRow[] }>("/api/runs").then((body) => body.runs),
    refetchInterval: (query) => (query.state.data?.some((run) => isActiveStatus(run.status)) ? 3_000 : false),
  });
}

export function useRun(id: string, initialData?: RunViewData) {
  return useQuery({
    queryKey: ["run", id],
    queryFn: () => callApi<RunViewData>(`/api/runs/${id}`),
    initialData,
    // initialData counts as fresh for staleTime; the page was just rendered from the database.
    refetchInterval: (query) => (isActiveStatus(query.state.data?.run.status) ? 1_000 : false),
  });
}

export function useRunItems(id: string, query: RunItemsQuery, { live, status }: { live: boolean; status: string }) {
  const params = new URLSearchParams({
    page: String(query.page),
    pageSize: String(query.pageSize),
    filter: query.filter,
    ...(query.subset ? { subset: query.subset } : {}),
  });
  return useQuery({
    // The run's status is part of the key so that the table reloads when the run finishes.
    queryKey: ["run-items", id, query, status],
    queryFn: () => callApi<RunItemsPage>(`/api/runs/${id}/items?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 2_000 : false,
  });
}

export type NewRunBody = { modelId: string; suiteId: string; settings: RunSettingsInput; label?: string | null };

/** The first item's exact prompt and the run's size for the form's current choices (nothing is started). */
export function useRunPreview(body: NewRunBody | null) {
  return useQuery({
    queryKey: ["run-preview", body],
    queryFn: () => callApi<RunPreview>("/api/runs/preview", { method: "POST", json: body }),
    enabled: !!body,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useRerun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { modelId: string }) =>
      callApi<{ run: Serialized<Run> }>(`/api/runs/${id}/rerun`, { method: "POST", json: body }).then((r) => r.run),
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs"] }),
  });
}

export function useUpdateRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string | null }) => callApi<unknown>(`/api/runs/${id}`, { method: "PATCH", json: body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ["run", id] }), client.invalidateQueries({ queryKey: ["runs"] })]),
  });
}

export function useDeleteRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi<unknown>(`/api/runs/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs"] }),
  });
}

export function useCreateRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRunBody) =>
      callApi<{ run: Serialized<Run> }>("/api/runs", { method: "POST", json: body }).then((r) => r.run),
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs"] }),
  });
}

export function useRunAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: RunAction) => callApi<unknown>(`/api/runs/${id}/${action}`, { method: "POST" }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["run", id] }),
        client.invalidateQueries({ queryKey: ["run-items", id] }),
        client.invalidateQueries({ queryKey: ["runs"] }),
      ]),
  });
}
