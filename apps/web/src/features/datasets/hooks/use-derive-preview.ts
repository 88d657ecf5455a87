"use client";

import type { DeriveDefinition, DerivePreview } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

/** The row count and first rows a definition would give, recomputed as the builder changes. */
export function useDerivePreview(definition: DeriveDefinition | null) {
  return useQuery({
    queryKey: datasetKeys.derivePreview(definition),
    queryFn: () => api<DerivePreview>("/api/v1/datasets/derive?dryRun=true", { method: "POST", json: { definition } }),
    enabled: definition !== null,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
