"use client";

import type { WorkflowDto } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { workflowKeys } from "../lib/query-keys";

/** The workflows a job can name (latest version of each), with their parameter schemas. */
export function useWorkflows() {
  return useQuery({
    queryKey: workflowKeys.all,
    queryFn: () => api<{ items: WorkflowDto[] }>("/api/v1/workflows"),
    staleTime: 60_000,
  });
}
