"use client";

import { isActive, type JobDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

/** A job, polled every second until it reaches a terminal status. */
export function useJob(id: string, initialData?: JobDto) {
  return useQuery({
    queryKey: jobKeys.detail(id),
    queryFn: () => api<JobDto>(`/api/v1/jobs/${id}`),
    initialData,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 1000),
  });
}
