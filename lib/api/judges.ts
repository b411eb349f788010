import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { RunJudges } from "@/lib/judges/jobs";
import type { startJudgeBody } from "@/lib/validation/judges";
import { callApi } from "./fetcher";
import type { Serialized } from "./runs";

export type RunJudgesData = Serialized<NonNullable<RunJudges>>;

export function useRunJudges(runId: string) {
  return useQuery({
    queryKey: ["run-judges", runId],
    queryFn: () => callApi<RunJudgesData>(`/api/runs/${runId}/judges`),
    // While a judge works, its verdicts come in: poll until it is done.
    refetchInterval: (query) => (query.state.data?.running ? 2000 : false),
  });
}

export function useStartJudge(runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof startJudgeBody>) =>
      callApi<{ started: boolean }>(`/api/runs/${runId}/judges`, { method: "POST", json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["run-judges", runId] }),
  });
}
