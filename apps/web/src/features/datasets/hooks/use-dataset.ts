"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";
import type { DatasetDetail } from "../lib/types";

export function useDataset(id: string) {
  return useQuery({ queryKey: datasetKeys.detail(id), queryFn: () => api<DatasetDetail>(`/api/v1/datasets/${id}`), enabled: Boolean(id) });
}
