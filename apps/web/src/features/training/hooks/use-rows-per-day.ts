"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export function useRowsPerDay(versionId: string | undefined, column: string | undefined) {
  return useQuery({
    queryKey: ["dataset-versions", versionId, "days", column],
    queryFn: () =>
      api<{ days: { day: string; rows: number }[] }>(
        `/api/v1/dataset-versions/${versionId}/days?column=${encodeURIComponent(column ?? "")}`,
      ),
    enabled: Boolean(versionId && column),
    staleTime: Infinity,
  });
}
