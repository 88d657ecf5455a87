"use client";

import type { JobDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

/** Cancel or retry a job; both return the job (a retry returns the new one). */
export function useJobAction(id: string, action: "cancel" | "retry") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<JobDto>(`/api/v1/jobs/${id}/${action}`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
