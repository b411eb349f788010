import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ConnectionCheck } from "@/lib/providers/types";
import type { PublicModel } from "@/lib/models/public-model";
import type { modelBody, modelPatch, onnxModelBody } from "@/lib/validation/models";
import { callApi } from "./fetcher";
import type { Serialized } from "./runs";

export type ModelRow = Serialized<PublicModel>;
export type ModelInput = z.input<typeof modelBody>;
export type ModelPatchInput = z.input<typeof modelPatch>;
export type { ConnectionCheck };

const MODELS = ["models"] as const;

export function useModels() {
  return useQuery({
    queryKey: MODELS,
    queryFn: () => callApi<{ models: ModelRow[] }>("/api/models").then((body) => body.models),
  });
}

export function useCreateModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ModelInput) =>
      callApi<{ model: ModelRow }>("/api/models", { method: "POST", json: body }).then((r) => r.model),
    onSuccess: () => client.invalidateQueries({ queryKey: MODELS }),
  });
}

export function useUpdateModel(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ModelPatchInput) =>
      callApi<{ model: ModelRow }>(`/api/models/${id}`, { method: "PATCH", json: patch }).then((r) => r.model),
    onSuccess: () => client.invalidateQueries({ queryKey: MODELS }),
  });
}

export function useDeleteModel(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi<void>(`/api/models/${id}`, { method: "DELETE" }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: MODELS }), client.invalidateQueries({ queryKey: ["runs"] })]),
  });
}

/** Tests a saved model (by id) or the unsaved settings of a form (by body). */
export function useTestConnection() {
  return useMutation({
    mutationFn: (target: { id: string } | { body: ModelInput }) =>
      "id" in target
        ? callApi<ConnectionCheck>(`/api/models/${target.id}/test`, { method: "POST" })
        : callApi<ConnectionCheck>("/api/models/test", { method: "POST", json: target.body }),
  });
}

export type OnnxModelInput = z.input<typeof onnxModelBody>;
export interface OnnxFolder {
  dir: string;
  dtypes: OnnxModelInput["dtype"][];
}

export function useOnnxFolders(enabled: boolean) {
  return useQuery({
    queryKey: [...MODELS, "onnx-folders"],
    queryFn: () => callApi<{ folders: OnnxFolder[] }>("/api/models/onnx").then((body) => body.folders),
    enabled,
  });
}

export function useCreateOnnxModel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OnnxModelInput) =>
      callApi<{ model: ModelRow }>("/api/models/onnx", { method: "POST", json: body }).then((r) => r.model),
    onSuccess: () => client.invalidateQueries({ queryKey: MODELS }),
  });
}
