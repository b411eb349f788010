import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { RunLoopApi, RunState, WorkItem } from "@/lib/browser/run-loop";
import type { BrowserAnswer, browserModelBody, DeviceStats } from "@/lib/validation/browser";
import { callApi } from "./fetcher";
import type { ModelRow } from "./models";

export type BrowserModelInput = z.input<typeof browserModelBody>;

export function useCreateBrowserModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BrowserModelInput) =>
      callApi<{ model: ModelRow }>("/api/models/browser", { method: "POST", json: body }).then((r) => r.model),
    onSuccess: () => client.invalidateQueries({ queryKey: ["models"] }),
  });
}

/** The claim and answer calls of one tab on one run. */
export function browserRunApi(runId: string, tab: string): RunLoopApi {
  return {
    claim: (limit) =>
      callApi<RunState & { items: WorkItem[] }>(`/api/runs/${runId}/browser/claim`, { method: "POST", json: { tab, limit } }),
    answer: (answers: BrowserAnswer[], device: DeviceStats) =>
      callApi<RunState>(`/api/runs/${runId}/browser/answers`, { method: "POST", json: { tab, answers, device } }),
  };
}

/** Sent while the tab closes (a fetch would be cancelled): its items go back to the queue at once. */
export function releaseOnClose(runId: string, tab: string): void {
  navigator.sendBeacon(`/api/runs/${runId}/browser/release`, new Blob([JSON.stringify({ tab })], { type: "application/json" }));
}

export interface DeviceBenchmarkRow {
  id: string;
  device: DeviceStats;
  createdAt: string;
  modelName: string | null;
}

const BENCHMARKS = ["device-benchmarks"] as const;

export function useDeviceBenchmarks() {
  return useQuery({
    queryKey: BENCHMARKS,
    queryFn: () => callApi<{ benchmarks: DeviceBenchmarkRow[] }>("/api/device-benchmarks").then((b) => b.benchmarks),
  });
}

export function useSaveDeviceBenchmark() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { modelId: string | null; device: DeviceStats }) =>
      callApi("/api/device-benchmarks", { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: BENCHMARKS }),
  });
}
