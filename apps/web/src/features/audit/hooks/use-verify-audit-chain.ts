"use client";

import type { AuditChainReport } from "@roundhouse/contracts";
import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api<AuditChainReport>("/api/v1/audit-events/verify", { method: "POST" }) });
}
