"use client";

import type { Comparison } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { promotionKeys } from "../lib/query-keys";

/** Champion/challenger on the candidate's holdout, before the request is sent. */
export function useComparison(name: string, version: number, alias: string, enabled: boolean) {
  return useQuery({
    queryKey: promotionKeys.comparison(name, version, alias),
    queryFn: () =>
      api<Comparison>(`/api/v1/models/${encodeURIComponent(name)}/compare?version=${version}&alias=${encodeURIComponent(alias)}`),
    enabled,
    staleTime: 60_000,
  });
}
