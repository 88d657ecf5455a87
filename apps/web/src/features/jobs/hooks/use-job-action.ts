"use client";

import type { JobDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

/** Cancel, retry or reproduce a job; each returns a job (a retry or reproduction the new one). */
export function useJobAction(id: string, action: "cancel" | "retry" | "reproduce") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<JobDto>(`/api/v1/jobs/${id}/${action}`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
