"use client";

import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export function useRollback(name: string, alias: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      api(`/api/v1/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}/rollback`, { method: "POST", json: { reason } }),
  });
}
