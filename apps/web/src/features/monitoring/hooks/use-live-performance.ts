"use client";

import type { LivePerformance, MonitoringWindow } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { monitoringKeys } from "../lib/query-keys";

export function useLivePerformance(model: string, window: MonitoringWindow, days: number, initial?: LivePerformance) {
  return useQuery({
    queryKey: monitoringKeys.performance(model, window, days),
    queryFn: () => api<LivePerformance>(`/api/v1/models/${encodeURIComponent(model)}/performance?window=${window}&days=${days}`),
    initialData: initial,
    refetchInterval: 30_000,
  });
}
