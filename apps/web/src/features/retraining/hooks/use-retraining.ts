"use client";

import type { RetrainingDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { isActive } from "../lib/outcome";
import { retrainingKeys } from "../lib/query-keys";

/**
 * The policy and its runs: every 2 s while a run is training or being compared; every 10 s while an
 * enabled policy waits, since new data or the schedule may start a run at any time.
 */
export function useRetraining(model: string, initial?: RetrainingDto) {
  return useQuery({
    queryKey: retrainingKeys.model(model),
    queryFn: () => api<RetrainingDto>(`/api/v1/models/${encodeURIComponent(model)}/retraining`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.outcome)) ? 2000 : q.state.data?.policy?.enabled ? 10_000 : false),
  });
}
