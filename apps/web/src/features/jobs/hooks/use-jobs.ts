"use client";

import type { JobDto } from "@roundhouse/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

export interface JobPage {
  items: JobDto[];
  total: number;
  active: number;
}

/** A page of jobs, refreshed every 2 s while any job is queued or running. */
export function useJobs(query: Record<string, string | undefined>, initialData?: JobPage) {
  return useQuery({
    queryKey: jobKeys.list(query),
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
      return api<JobPage>(`/api/v1/jobs?${params}`);
    },
    initialData,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => ((q.state.data?.active ?? 0) > 0 ? 2000 : false),
  });
}
