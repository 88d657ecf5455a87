"use client";

import type { DatasetDetail } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

export function useDataset(id: string) {
  return useQuery({ queryKey: datasetKeys.detail(id), queryFn: () => api<DatasetDetail>(`/api/v1/datasets/${id}`), enabled: Boolean(id) });
}
