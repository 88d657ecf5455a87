"use client";

import type { AuditEventDto } from "@roundhouse/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { auditKeys } from "../lib/query-keys";

interface AuditPage {
  items: AuditEventDto[];
  nextBefore: string | null;
}

export function useAuditEvents(filter: { entityType?: string }) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: "50" });
      if (filter.entityType) q.set("entityType", filter.entityType);
      if (pageParam) q.set("before", pageParam);
      return api<AuditPage>(`/api/v1/audit-events?${q}`);
    },
    getNextPageParam: (last) => last.nextBefore,
  });
}
