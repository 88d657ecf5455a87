"use client";

import type { JobDto } from "@roundhouse/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { jobKeys } from "../lib/query-keys";

export function useSubmitJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ spec, idempotencyKey }: { spec: unknown; idempotencyKey: string }) =>
      api<JobDto>("/api/v1/jobs", { method: "POST", json: spec, headers: { "idempotency-key": idempotencyKey } }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
