"use client";

import type { OutcomesFromDatasetBody, OutcomesResult } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

/** Outcomes from an outcome dataset; the realised metric is read again once they are stored. */
export function useRecordOutcomesFromDataset(model: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<OutcomesFromDatasetBody, "version"> & { version?: OutcomesFromDatasetBody["version"] }) =>
      api<OutcomesResult>(`/api/v1/models/${encodeURIComponent(model)}/outcomes/from-dataset`, { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["monitoring", model] }),
  });
}
