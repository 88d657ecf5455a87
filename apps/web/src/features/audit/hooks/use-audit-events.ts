"use client";

import type { AuditPageSchema } from "@roundhouse/contracts";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "@/lib/api-client";
import { type AuditFilterParams, auditSearchParams } from "../lib/audit-filter";
import { auditKeys } from "../lib/query-keys";

export type AuditPage = z.infer<typeof AuditPageSchema>;

export function useAuditEvents(filter: AuditFilterParams, initial?: AuditPage) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = auditSearchParams(filter, { limit: "50" });
      if (pageParam) q.set("before", pageParam);
      return api<AuditPage>(`/api/v1/audit-events?${q}`);
    },
    getNextPageParam: (last) => last.nextBefore,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
    placeholderData: keepPreviousData,
  });
}
