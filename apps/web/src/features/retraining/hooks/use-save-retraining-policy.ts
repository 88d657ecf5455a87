"use client";

import type { RetrainingPolicyBody, RetrainingPolicyDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { retrainingKeys } from "../lib/query-keys";

export function useSaveRetrainingPolicy(model: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<RetrainingPolicyBody, "spec"> & { spec?: RetrainingPolicyBody["spec"] }) =>
      api<RetrainingPolicyDto>(`/api/v1/models/${encodeURIComponent(model)}/retraining`, { method: "PUT", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: retrainingKeys.model(model) }),
  });
}
