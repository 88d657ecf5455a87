"use client";

import type { JobMetrics } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

/** Train and validation loss per iteration, refreshed while the job trains. */
export function useJobSeries(id: string, status: string, live: boolean) {
  return useQuery({
    // The status is in the key so the finished series is fetched once more when the job ends.
    queryKey: [...jobKeys.metrics(id), status],
    queryFn: () => api<JobMetrics>(`/api/v1/jobs/${id}/metrics`),
    refetchInterval: live ? 1500 : false,
    placeholderData: (previous) => previous,
  });
}
