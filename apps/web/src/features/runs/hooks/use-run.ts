"use client";

import type { RunDetail } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { runKeys } from "../lib/query-keys";

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: runKeys.detail(id ?? ""),
    queryFn: () => api<RunDetail>(`/api/v1/runs/${id}`),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}
