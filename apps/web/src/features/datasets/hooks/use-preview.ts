"use client";

import type { Preview } from "@roundhouse/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { datasetKeys } from "../lib/query-keys";

export function usePreview(versionId: string, q: { offset: number; limit: number; sort?: string; order?: "asc" | "desc" }) {
  return useQuery({
    queryKey: datasetKeys.preview(versionId, q),
    queryFn: () => {
      const params = new URLSearchParams({ offset: String(q.offset), limit: String(q.limit), order: q.order ?? "asc" });
      if (q.sort) params.set("sort", q.sort);
      return api<Preview>(`/api/v1/dataset-versions/${versionId}/preview?${params}`);
    },
    placeholderData: (previous) => previous,
  });
}
