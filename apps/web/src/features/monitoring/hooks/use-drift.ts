"use client";

import type { DriftReport, MonitoringWindow } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { monitoringKeys } from "../lib/query-keys";

/** Drift counts grow with every scheduler tick (5 s): a page left open follows them every 15 s. */
export function useDrift(model: string, window: MonitoringWindow, days: number, initial?: DriftReport) {
  return useQuery({
    queryKey: monitoringKeys.drift(model, window, days),
    queryFn: () => api<DriftReport>(`/api/v1/models/${encodeURIComponent(model)}/drift?window=${window}&days=${days}`),
    initialData: initial,
    refetchInterval: 15_000,
  });
}
