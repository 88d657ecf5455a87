"use client";

import type { RunAnnotation, RunDetail } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { runKeys } from "../lib/query-keys";

/** Save a run's notes and tags; the answer is the run as stored, put straight into the cache. */
export function useAnnotateRun(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: RunAnnotation) => api<RunDetail>(`/api/v1/runs/${id}`, { method: "PATCH", json: change }),
    onSuccess: (run) => client.setQueryData(runKeys.detail(id), run),
  });
}
