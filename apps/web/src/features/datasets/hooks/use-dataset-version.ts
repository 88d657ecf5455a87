"use client";

import type { DatasetVersionDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

export function useDatasetVersion(id: string | undefined) {
  return useQuery({
    queryKey: [...datasetKeys.all, "version", id],
    queryFn: () => api<DatasetVersionDto>(`/api/v1/dataset-versions/${id}`),
    enabled: Boolean(id),
  });
}
