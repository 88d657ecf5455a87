"use client";

import type { NoiseCheck } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { runKeys } from "../lib/query-keys";

/** Whether a's lead over b is larger than noise; runs never change, so the answer is kept. */
export function useNoiseCheck(a: string | null, b: string | null, metric: string) {
  return useQuery({
    queryKey: runKeys.noise(a ?? "", b ?? "", metric),
    queryFn: () => api<NoiseCheck>(`/api/v1/runs/noise?${new URLSearchParams({ a: a ?? "", b: b ?? "", metric })}`),
    enabled: Boolean(a && b && metric),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
