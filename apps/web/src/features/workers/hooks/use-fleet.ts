"use client";

import type { Fleet } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

/** The fleet, refreshed every 5 s (as often as workers report). */
export function useFleet(initialData: Fleet) {
  return useQuery({
    queryKey: ["workers"],
    queryFn: () => api<Fleet>("/api/v1/workers"),
    initialData,
    refetchInterval: 5000,
  });
}
