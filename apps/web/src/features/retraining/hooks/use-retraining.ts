"use client";

import type { RetrainingDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { isActive } from "../lib/outcome";
import { retrainingKeys } from "../lib/query-keys";

/** The policy and its runs; polls while a run is training or being compared, then stops. */
export function useRetraining(model: string, initial?: RetrainingDto) {
  return useQuery({
    queryKey: retrainingKeys.model(model),
    queryFn: () => api<RetrainingDto>(`/api/v1/models/${encodeURIComponent(model)}/retraining`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.outcome)) ? 2000 : false),
  });
}
