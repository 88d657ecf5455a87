"use client";

import type { DecisionPage } from "@roundhouse/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { decisionKeys } from "../lib/query-keys";

export function useDecisions(query: Record<string, string>) {
  return useQuery({
    queryKey: decisionKeys.search(query),
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
      return api<DecisionPage>(`/api/v1/decisions?${params}`);
    },
    placeholderData: keepPreviousData,
  });
}
