"use client";

import type { DatasetSummary } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

export function useDatasets(q: { q?: string; sort?: string; order?: string }) {
  return useQuery({
    queryKey: datasetKeys.list(q),
    queryFn: () => {
      const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
      return api<{ items: DatasetSummary[] }>(`/api/v1/datasets?${params}`);
    },
    placeholderData: (previous) => previous,
    // On a first start the demo datasets arrive a few seconds after the dashboard is up.
    refetchInterval: (query) => (!q.q && query.state.data?.items.length === 0 ? 3000 : false),
  });
}
