"use client";

import type { RetrainingRunDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { retrainingKeys } from "../lib/query-keys";

export function useStartRetraining(model: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<RetrainingRunDto>(`/api/v1/models/${encodeURIComponent(model)}/retraining/runs`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: retrainingKeys.model(model) }),
  });
}
