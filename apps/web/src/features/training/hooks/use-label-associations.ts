"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export function useLabelAssociations(versionId: string | undefined, label: string | undefined) {
  return useQuery({
    queryKey: ["dataset-versions", versionId, "label-associations", label],
    queryFn: () =>
      api<{ columns: { column: string; correlation: number | null; auc: number | null }[] }>(
        `/api/v1/dataset-versions/${versionId}/label-associations?label=${encodeURIComponent(label ?? "")}`,
      ),
    enabled: Boolean(versionId && label),
    staleTime: Infinity,
  });
}
