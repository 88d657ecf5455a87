"use client";

import type { IngestResult } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

/** A derived dataset's definition run again on its parents' latest versions. */
export function useRefreshDerived(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<IngestResult>(`/api/v1/datasets/${datasetId}/refresh`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
  });
}
