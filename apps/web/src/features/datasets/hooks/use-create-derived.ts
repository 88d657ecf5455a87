"use client";

import type { DeriveDefinition, IngestResult } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

export function useCreateDerived() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description?: string; definition: DeriveDefinition }) =>
      api<IngestResult>("/api/v1/datasets/derive", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.all }),
  });
}
