"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { promotionKeys } from "../lib/query-keys";

/** How many pending requests someone else made, for the nav badge; checked every 30 s. */
export function useAwaitingApprovals(enabled: boolean): number {
  const q = useQuery({
    queryKey: promotionKeys.awaiting,
    queryFn: () => api<{ awaitingYou: number }>("/api/v1/promotions?status=pending"),
    enabled,
    refetchInterval: 30_000,
  });
  return q.data?.awaitingYou ?? 0;
}
